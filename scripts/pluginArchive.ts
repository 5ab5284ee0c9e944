// What a plugin tarball holds and is called, as `pulumi plugin install` expects it: the executable
// pulumi-resource-<name> at the top of a pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz.
export const PLUGIN_NAME = "huaweicloud-dms";
export const PLUGIN_EXECUTABLE = `pulumi-resource-${PLUGIN_NAME}`;
export const PLUGIN_BUNDLE = `${PLUGIN_EXECUTABLE}.js`;

export function pluginArchiveName(version: string, os: string, arch: string): string {
  return `${PLUGIN_EXECUTABLE}-v${version}-${os}-${arch}.tar.gz`;
}

/** The launcher: runs the bundle beside it with the `node` on PATH (exec, so the engine signals node itself). */
export function launcherScript(): string {
  return [
    "#!/bin/sh",
    `# The ${PLUGIN_NAME} resource-provider plugin: ${PLUGIN_BUNDLE} (one bundled file) run by Node.js 20.3 or newer.`,
    'dir=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd) || exit 1',
    `command -v node >/dev/null 2>&1 || { echo "${PLUGIN_NAME}: the plugin needs Node.js 20.3 or newer on PATH." >&2; exit 1; }`,
    `exec node "$dir/${PLUGIN_BUNDLE}" "$@"`,
    "",
  ].join("\n");
}
