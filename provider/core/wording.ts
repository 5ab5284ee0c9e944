// How each surface names inputs and settings in its messages, from the two tables: a Pulumi program (and the
// plugin) by property and `NAMESPACE:key`, the CLI by flag. Validation failures are data (codecs.ts); these turn
// them into each surface's sentence, so no message is ever rewritten after the fact.
import type { Wording } from "./errors";
import { INPUTS, InputName } from "./inputs";
import { SETTINGS, SettingEntry, SettingName, sourcesOf } from "./settings";

const isInput = (key: string): key is InputName => Object.prototype.hasOwnProperty.call(INPUTS, key);
const isSetting = (key: string): key is SettingName => Object.prototype.hasOwnProperty.call(SETTINGS, key);

/** A Pulumi program's (and the plugin's) names: properties, and `NAMESPACE:key` for settings. */
export function programWording(namespace = "huaweicloud-dms"): Wording {
  return {
    input: (key) => key,
    setting: (key) => `${namespace}:${key}`,
    howToSet: (key) => {
      if (!isSetting(key)) return key;
      const entry: SettingEntry = SETTINGS[key];
      return sourcesOf(key, entry.config === false ? [] : [`${namespace}:${key}`]);
    },
  };
}

/** The CLI's flag for an input or setting (without its value placeholder). */
function flagOf(key: string): string | undefined {
  if (isInput(key)) return INPUTS[key].flag.split(" ")[0];
  if (isSetting(key)) return (SETTINGS[key] as SettingEntry).flag;
  return undefined;
}

/** The CLI's names: flags, else environment variables (credentials have no flags). */
export const CLI_WORDING: Wording = {
  input: (key) => flagOf(key) ?? key,
  setting: (key) => flagOf(key) ?? (isSetting(key) ? SETTINGS[key].env[0] : key),
  howToSet: (key) => (isSetting(key) ? sourcesOf(key, [flagOf(key)].filter((f): f is string => f !== undefined)) : key),
  paths: false,
};

/** Names as properties, settings included: for a resource's or a Provider's own inputs. */
export const PROPERTY_WORDING: Wording = {
  input: (key) => key,
  setting: (key) => key,
  howToSet: (key) => key,
};
