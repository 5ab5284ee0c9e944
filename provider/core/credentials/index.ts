// Credential sources other Huawei Cloud tools use: KooCLI profiles, ECS metadata, assumed agencies.
export { nameIn, rememberSecrets, seenSecrets, staticCredentials } from "./types";
export type { CredentialProvider, Found, KeySource, Named } from "./types";
export { RenewingCredentials, REFRESH_BEFORE_MS, decodeTemporary } from "./temporary";
export type { Clock, TemporaryCredentials } from "./temporary";
export { DEFAULT_PROFILE_FILE, readProfile, expandHome } from "./profile";
export type { ProfileRequest, ProfileResult } from "./profile";
export {
  DEFAULT_METADATA_ENDPOINT,
  METADATA_PATH,
  clearMetadataCredentials,
  fetchMetadataCredentials,
  metadataCredentials,
  metadataSource,
} from "./metadata";
export { DEFAULT_ASSUME_ROLE_SECONDS, SECURITY_TOKENS_PATH, assumeRoleBody, assumedCredentials, clearAssumedCredentials } from "./agency";
export type { AssumeRole, SignedPost } from "./agency";
export { firstCredentials } from "./chain";
export { keyPairSource } from "./pair";
export type { KeyPairSource } from "./pair";
