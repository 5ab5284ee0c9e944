// A program run "as under the engine" for tests of the in-process path: Pulumi's mocks answer resource
// registrations, but behind a monitor object that is not a MockMonitor, so the SDK behaves as in a real
// `pulumi up` (getScheduledTasks runs in-process against the emulator instead of asking the mocks' call()).
import type * as Pulumi from "@pulumi/pulumi";

export async function setEngineLikeMonitor(
  pulumi: typeof Pulumi,
  mocks: Pulumi.runtime.Mocks,
  project: string,
  stack: string,
  preview: boolean,
): Promise<void> {
  await pulumi.runtime.setMocks(mocks, project, stack, preview);
  const mock = pulumi.runtime.getMonitor() as unknown as Record<string, (...args: unknown[]) => unknown>;
  const monitor: Record<string, (...args: unknown[]) => unknown> = {};
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(mock))) {
    if (name !== "constructor" && typeof mock[name] === "function") monitor[name] = (...args) => mock[name](...args);
  }
  pulumi.runtime.setMockOptions(monitor, project, stack, preview);
}
