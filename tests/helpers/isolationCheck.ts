// Fails a test file whose code tried to reach the link-local range (see isolation.js).
afterAll(() => {
  expect((globalThis as { __linkLocalContacts?: string[] }).__linkLocalContacts ?? []).toEqual([]);
});
