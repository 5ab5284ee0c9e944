// The names and sentinels the Pulumi side of the project shares: our package's tokens, and the engine's special
// values (sdk/go/common/resource/plugin/rpc.go in pulumi/pulumi). One home, no imports: the plugin, the SDK, the
// gate's runtime and the schema generator all read them from here.

/** The Pulumi package (schema `name`, config namespace). */
export const PACKAGE = "huaweicloud-dms";
/** The function's token. */
export const GET_SCHEDULED_TASKS = "huaweicloud-dms:kafka:getScheduledTasks";
/** The task object type's token. */
export const SCHEDULED_TASK_TYPE = "huaweicloud-dms:kafka:ScheduledTask";

/** The key that marks an object as one of the engine's special values. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/** A value not known yet (during previews): the engine's sentinel for an unknown string. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Every sentinel the engine writes for an unknown value, by the type it stands for. */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  UNKNOWN, // string
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // bool
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);
