export { SourceError, type SourceErrorCode } from "./errors.js";
export type { Source } from "./source-repo.js";
export { SOURCE_TOKEN_PREFIX, hashSourceToken, newSourceToken } from "./source-token.js";
export {
  addSource,
  addSourceInputSchema,
  findSourceByToken,
  getSource,
  listSources,
  rotateSourceToken,
  sourceConnectionId,
  type AddSourceInput,
} from "./sources-service.js";
