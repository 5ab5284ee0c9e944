// Fails a test file whose code tried to reach the link-local range (see noMetadataGuard.js).
afterAll(() => {
  expect((globalThis as { __linkLocalContacts?: string[] }).__linkLocalContacts ?? []).toEqual([]);
});
