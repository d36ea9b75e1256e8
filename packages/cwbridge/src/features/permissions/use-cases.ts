/**
 * The use cases of the permissions feature (see `core/use-case.ts`). Bad input throws the
 * feature's own `CWB_ERR_PERMISSIONS_INVALID`, as `checkPermissions` does.
 */
import { z } from "zod";
import { defineUseCase } from "../../core/use-case.js";
import { PERMISSION_FEATURES } from "../../domain/permission-manifest.js";
import { checkPermissions } from "./check-permissions.js";
import { PermissionsError } from "./errors.js";

/** The permissions feature's use cases, by name. */
export const permissionsUseCases = {
  check: defineUseCase({
    name: "check",
    summary: "Check the API member's security role against the permission manifest",
    input: z
      .object({
        connection: z.string().max(200),
        features: z.array(z.enum(PERMISSION_FEATURES)).min(1).optional(),
      })
      .strict(),
    invalid: () =>
      new PermissionsError(
        "CWB_ERR_PERMISSIONS_INVALID",
        `invalid permission-check options: features must be among ${PERMISSION_FEATURES.join(", ")}`,
      ),
    run: (ctx, input) =>
      checkPermissions(
        ctx,
        input.connection,
        input.features === undefined ? {} : { features: input.features },
      ),
  }),
};
