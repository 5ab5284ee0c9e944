// The task store: instances and their tasks, time-based status changes (evaluated lazily at request time),
// synthetic task generation (lazy by index, so 100,000 tasks cost O(1) memory) and paging with the time filter.
import { createHash } from "crypto";
import { TASK_STATUSES } from "../core";
import type { EmulatorTask, PagingQuirks } from "./types";

/** The fields sent on the wire, in the API's order. */
const WIRE_FIELDS = ["id", "name", "user_name", "user_id", "params", "status", "created_at", "updated_at", "schedule_at"] as const;
type WireField = (typeof WIRE_FIELDS)[number];
export type WireTask = Partial<Record<WireField, string>> & { id: string };

interface StoredTask {
  readonly task: Readonly<EmulatorTask>;
  /** When it was added (ms), or first listed (see `startClocksOnFirstRead`), for executingForMs. */
  addedAt: number;
  /** schedule_at in whole seconds since the epoch; NaN when absent or unparseable. */
  readonly scheduleSec: number;
}

interface ListSegment {
  readonly kind: "list";
  readonly items: StoredTask[];
}

interface GeneratedSegment {
  readonly kind: "generated";
  /** Global index of the first generated task (ids and times continue from here). */
  readonly offset: number;
  readonly count: number;
  readonly status?: string;
  readonly idPrefix: string;
}

type Segment = ListSegment | GeneratedSegment;

interface Instance {
  readonly segments: Segment[];
  length: number;
  /** The executingForMs clocks start at the instance's first read, not when its tasks were set. */
  clocksPending?: boolean;
}

/** Key used for instances visible under every project id. */
const ANY_PROJECT = "\u0000any";

export const GENERATED_BASE_MS = Date.UTC(2024, 0, 1);
const GENERATED_STEP_MS = 60_000;
const GENERATED_NAMES = ["partitionReassign", "kafkaRestart", "kafkaBrokerFlavorChange", "kafkaVersionUpgrade"] as const;
const GENERATED_USER = { user_name: "emulator", user_id: "0b01fbb53600d4671fa8c00673c71260" } as const;

function scheduleSecOf(scheduleAt: string | undefined): number {
  if (scheduleAt === undefined) return NaN;
  const ms = Date.parse(scheduleAt);
  return Number.isNaN(ms) ? NaN : Math.floor(ms / 1000);
}

function checkTask(task: EmulatorTask, where: string): void {
  if (typeof task !== "object" || task === null || typeof task.id !== "string") {
    throw new TypeError(`${where}: every task needs a string id.`);
  }
  if (task.executingForMs !== undefined && !(Number.isFinite(task.executingForMs) && task.executingForMs >= 0)) {
    throw new TypeError(`${where}: executingForMs of task ${task.id} must be a number of 0 or more.`);
  }
}

function checkCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) throw new TypeError(`generateTasks: count must be an integer of 0 or more; got ${count}.`);
}

export interface PageQuery {
  readonly start: number;
  readonly limit: number;
  /** Inclusive bounds in whole seconds since the epoch. */
  readonly beginSec?: number;
  readonly endSec?: number;
}

export interface Page {
  /** Number of tasks matching the time filter. */
  readonly total: number;
  readonly jobs: WireTask[];
}

export class TaskStore {
  private readonly instances = new Map<string, Map<string, Instance>>();
  private readonly claimedCounts = new Map<string, number>();
  private readonly quirks = new Map<string, PagingQuirks>();

  constructor(private readonly clock: () => number = Date.now) {}

  setTasks(instanceId: string, tasks: readonly EmulatorTask[], projectId?: string): void {
    const inst: Instance = { segments: [], length: 0 };
    this.put(instanceId, projectId, inst);
    this.append(inst, tasks, "setTasks");
  }

  addTasks(instanceId: string, tasks: readonly EmulatorTask[], projectId?: string): void {
    this.append(this.getOrCreate(instanceId, projectId), tasks, "addTasks");
  }

  generateTasks(instanceId: string, count: number, opts: { status?: string; projectId?: string; append?: boolean } = {}): void {
    checkCount(count);
    let inst: Instance;
    if (opts.append) {
      inst = this.getOrCreate(instanceId, opts.projectId);
    } else {
      inst = { segments: [], length: 0 };
      this.put(instanceId, opts.projectId, inst);
    }
    const idPrefix = createHash("sha256").update(`${opts.projectId ?? ""}/${instanceId}`).digest("hex").slice(0, 20);
    inst.segments.push({ kind: "generated", offset: inst.length, count, status: opts.status, idPrefix });
    inst.length += count;
  }

  setJobCount(instanceId: string, claimed: number | undefined): void {
    if (claimed === undefined) {
      this.claimedCounts.delete(instanceId);
      return;
    }
    if (!Number.isSafeInteger(claimed) || claimed < 0) throw new TypeError(`setJobCount: claimed must be an integer of 0 or more; got ${claimed}.`);
    this.claimedCounts.set(instanceId, claimed);
  }

  claimedCount(instanceId: string): number | undefined {
    return this.claimedCounts.get(instanceId);
  }

  /**
   * Makes the executingForMs clocks of the instance's tasks (as set now) start when the instance is first
   * listed, so a task "EXECUTING for 60 s" runs for 60 s from the first request, however long ago it was set.
   */
  startClocksOnFirstRead(instanceId: string, projectId?: string): void {
    const inst = this.instances.get(instanceId)?.get(projectId ?? ANY_PROJECT);
    if (inst) inst.clocksPending = true;
  }

  setPagingQuirks(instanceId: string, quirks: PagingQuirks | undefined): void {
    if (quirks === undefined) {
      this.quirks.delete(instanceId);
      return;
    }
    if (quirks.emptyFrom !== undefined && !(Number.isSafeInteger(quirks.emptyFrom) && quirks.emptyFrom >= 0)) {
      throw new TypeError(`setPagingQuirks: emptyFrom must be an integer of 0 or more; got ${quirks.emptyFrom}.`);
    }
    this.quirks.set(instanceId, { ...quirks });
  }

  /** The offset a misbehaving server really reads for a requested `start`, or undefined for an empty page. */
  effectiveStart(instanceId: string, start: number): number | undefined {
    const q = this.quirks.get(instanceId);
    if (!q) return start;
    if (q.emptyFrom !== undefined && start >= q.emptyFrom) return undefined;
    if (q.ignoreStart) return 0;
    return q.oneBasedStart ? Math.max(0, start - 1) : start;
  }

  /** One page of the instance's tasks, or undefined when the instance is unknown under this project. */
  page(projectId: string, instanceId: string, q: PageQuery): Page | undefined {
    const inst = this.find(projectId, instanceId);
    if (!inst) return undefined;
    const now = this.clock();
    if (inst.clocksPending) {
      inst.clocksPending = false;
      for (const seg of inst.segments) if (seg.kind === "list") for (const item of seg.items) item.addedAt = now;
    }
    const filtered = q.beginSec !== undefined || q.endSec !== undefined;
    if (!filtered) {
      const jobs: WireTask[] = [];
      const end = Math.min(inst.length, q.start + q.limit);
      for (let i = q.start; i < end; i++) jobs.push(this.at(inst, i, now));
      return { total: inst.length, jobs };
    }
    const lo = q.beginSec ?? -Infinity;
    const hi = q.endSec ?? Infinity;
    const jobs: WireTask[] = [];
    let matched = 0;
    const take = (make: () => WireTask): void => {
      if (matched >= q.start && matched < q.start + q.limit) jobs.push(make());
      matched++;
    };
    for (const seg of inst.segments) {
      if (seg.kind === "list") {
        for (const s of seg.items) {
          if (s.scheduleSec >= lo && s.scheduleSec <= hi) take(() => wire(s, now));
        }
      } else {
        // Generated schedule times increase linearly: the matching indices form one range.
        const stepSec = GENERATED_STEP_MS / 1000;
        const firstSec = GENERATED_BASE_MS / 1000 + seg.offset * stepSec;
        const from = Math.max(0, Math.ceil((lo - firstSec) / stepSec));
        const to = Math.min(seg.count - 1, Math.floor((hi - firstSec) / stepSec));
        if (to < from) continue;
        const n = to - from + 1;
        const pageFrom = Math.max(q.start - matched, 0);
        const pageTo = Math.min(q.start + q.limit - matched, n);
        for (let k = pageFrom; k < pageTo; k++) jobs.push(generated(seg, from + k));
        matched += n;
      }
    }
    return { total: matched, jobs };
  }

  private at(inst: Instance, index: number, now: number): WireTask {
    for (const seg of inst.segments) {
      const len = seg.kind === "list" ? seg.items.length : seg.count;
      if (index < len) return seg.kind === "list" ? wire(seg.items[index], now) : generated(seg, index);
      index -= len;
    }
    throw new RangeError("task index out of range");
  }

  private append(inst: Instance, tasks: readonly EmulatorTask[], where: string): void {
    if (!Array.isArray(tasks)) throw new TypeError(`${where}: tasks must be a list.`);
    const addedAt = this.clock();
    const items = tasks.map((task): StoredTask => {
      checkTask(task, where);
      return { task: { ...task }, addedAt, scheduleSec: scheduleSecOf(task.schedule_at) };
    });
    const last = inst.segments[inst.segments.length - 1];
    if (last && last.kind === "list") last.items.push(...items);
    else inst.segments.push({ kind: "list", items });
    inst.length += items.length;
  }

  private put(instanceId: string, projectId: string | undefined, inst: Instance): void {
    let byProject = this.instances.get(instanceId);
    if (!byProject) this.instances.set(instanceId, (byProject = new Map()));
    byProject.set(projectId ?? ANY_PROJECT, inst);
  }

  private getOrCreate(instanceId: string, projectId: string | undefined): Instance {
    const existing = this.instances.get(instanceId)?.get(projectId ?? ANY_PROJECT);
    if (existing) return existing;
    const inst: Instance = { segments: [], length: 0 };
    this.put(instanceId, projectId, inst);
    return inst;
  }

  /** The instance scoped to this project if any, else the one visible under every project. */
  private find(projectId: string, instanceId: string): Instance | undefined {
    const byProject = this.instances.get(instanceId);
    return byProject?.get(projectId) ?? byProject?.get(ANY_PROJECT);
  }
}

/** The wire form of a stored task at time `now`: only the API's fields, absent ones omitted. */
function wire(s: StoredTask, now: number): WireTask {
  const t = s.task;
  let status = t.status;
  let updatedAt = t.updated_at;
  if (t.executingForMs !== undefined) {
    const doneAt = s.addedAt + t.executingForMs;
    if (now < doneAt) {
      status = "EXECUTING";
    } else {
      status = t.thenStatus ?? "SUCCESS";
      updatedAt = new Date(doneAt).toISOString();
    }
  }
  const values: Record<WireField, string | undefined> = { ...pick(t), status, updated_at: updatedAt };
  const out: WireTask = { id: t.id };
  for (const f of WIRE_FIELDS) {
    const v = values[f];
    if (v !== undefined) out[f] = v;
  }
  return out;
}

function pick(t: Readonly<EmulatorTask>): Record<WireField, string | undefined> {
  return {
    id: t.id,
    name: t.name,
    user_name: t.user_name,
    user_id: t.user_id,
    params: t.params,
    status: t.status,
    created_at: t.created_at,
    updated_at: t.updated_at,
    schedule_at: t.schedule_at,
  };
}

const DAY_MS = 86_400_000;
const dayPrefixes = new Map<number, string>();
const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/** `Date#toISOString` for non-negative times, several times faster (the date part is cached per day). */
export function fastIso(ms: number): string {
  if (!(ms >= 0) || ms > 253402300799999) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (dayPrefixes.size > 4096) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  let r = ms - day * DAY_MS;
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const mi = Math.floor(r / 60_000);
  r -= mi * 60_000;
  const sec = Math.floor(r / 1000);
  return `${prefix}${pad(h, 2)}:${pad(mi, 2)}:${pad(sec, 2)}.${pad(r - sec * 1000, 3)}Z`;
}

/** Synthetic task number `k` of a generated segment. */
function generated(seg: GeneratedSegment, k: number): WireTask {
  const g = seg.offset + k;
  const scheduleMs = GENERATED_BASE_MS + g * GENERATED_STEP_MS;
  const status = seg.status ?? TASK_STATUSES[g % TASK_STATUSES.length];
  const createdAt = fastIso(scheduleMs - 3_600_000);
  return {
    id: seg.idPrefix + g.toString(16).padStart(12, "0"),
    name: GENERATED_NAMES[g % GENERATED_NAMES.length],
    user_name: GENERATED_USER.user_name,
    user_id: GENERATED_USER.user_id,
    params: `{"task_no":${g}}`,
    status,
    created_at: createdAt,
    updated_at: status === "CREATED" ? createdAt : fastIso(scheduleMs + 30_000),
    schedule_at: fastIso(scheduleMs),
  };
}
