// The demo's fixed identities and its seed data. These credentials are public demo values, never real ones.
import type { EmulatorAgency, EmulatorKey, EmulatorTask } from "./types";

export const DEMO_REGION = "cn-north-4";
export const DEMO_PROJECT_ID = "0123456789abcdef0123456789abcdef";
export const DEMO_DOMAIN_ID = "fedcba9876543210fedcba9876543210";
export const DEMO_DOMAIN_NAME = "demo-account";
/** The agency the emulator's IAM lets keys assume by default. */
export const DEMO_AGENCY: Readonly<EmulatorAgency> = Object.freeze({
  agencyName: "dms-reader",
  domainName: DEMO_DOMAIN_NAME,
  domainId: DEMO_DOMAIN_ID,
});
export const DEMO_INSTANCE_ID = "3b1c5f6e-9d2a-4c7b-8e0f-2a6d4b8c1a77";
export const DEMO_CREDENTIALS: Readonly<EmulatorKey> = Object.freeze({
  accessKey: "DEMOACCESSKEY0000000",
  secretKey: "demo-secret-key-not-for-production",
});

/**
 * How long the demo's EXECUTING task runs before it turns SUCCESS, counted from the first request that lists
 * the demo instance (EmulatorOptions.demoExecutingMs, `hwdms emulator --executing-seconds`, change it).
 */
export const DEMO_EXECUTING_MS = 60_000;

const DEMO_USER = { user_name: "paas_dms_03", user_id: "0b01fbb53600d4671fa8c00673c71260" } as const;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A handful of realistic tasks around `now`: history (SUCCESS/FAILED/CANCELLED), one running, some upcoming. */
export function demoTasks(now: number, executingMs: number = DEMO_EXECUTING_MS): EmulatorTask[] {
  const min = 60_000;
  const hour = 60 * min;
  const day = 24 * hour;
  const task = (
    n: number,
    name: string,
    params: Record<string, string>,
    status: string,
    scheduleAt: number,
    extra: Partial<EmulatorTask> = {},
  ): EmulatorTask => ({
    id: `ff808082889e267601889e2df7be${n.toString(16).padStart(4, "0")}`,
    name,
    ...DEMO_USER,
    params: JSON.stringify(params),
    status,
    created_at: iso(scheduleAt - 2 * hour),
    updated_at: iso(status === "CREATED" ? scheduleAt - 2 * hour : scheduleAt + 7 * min),
    schedule_at: iso(scheduleAt),
    ...extra,
  });
  const t0 = Math.floor(now / 1000) * 1000;
  return [
    task(0x11, "partitionReassign", { reassignment_topics: "[orders]" }, "SUCCESS", t0 - 6 * day),
    task(0x12, "kafkaBrokerFlavorChange", { new_flavor: "c6.2u4g.cluster" }, "FAILED", t0 - 3 * day),
    task(0x13, "partitionReassign", { reassignment_topics: "[payments, refunds]" }, "SUCCESS", t0 - day),
    task(0x14, "kafkaVersionUpgrade", { target_version: "3.x" }, "CANCELLED", t0 - 12 * hour),
    task(0x15, "partitionReassign", { reassignment_topics: "[topic-1]" }, "EXECUTING", t0 - 2 * min, {
      updated_at: iso(t0 - 2 * min),
      executingForMs: executingMs,
      thenStatus: "SUCCESS",
    }),
    task(0x16, "kafkaRestart", { restart_type: "rolling" }, "CREATED", t0 + 6 * hour),
    task(0x17, "partitionReassign", { reassignment_topics: "[audit-log]" }, "CREATED", t0 + 2 * day),
  ];
}
