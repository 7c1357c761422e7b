// A stale edit (ConflictError from lib/collab) reaches the client as a GraphQL error with code
// CONFLICT and `extensions.current` (the row as it is now), so the editor can show both versions
// and merge; every other outcome is the usual mutation payload (graphql/payload.ts).
import { GraphQLError } from "graphql";
import { ConflictError } from "@/lib/db/errors";
import { ErrorCode } from "../../errors";
import { payload, type Payload } from "../../payload";

/** `payload(run)`, except that a ConflictError carrying `current` is thrown as a CONFLICT GraphQL error. */
export async function payloadOrConflict<T extends object>(run: () => Promise<T>): Promise<Payload<T>> {
  let stale: ConflictError | undefined;
  const result = await payload(async () => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ConflictError && error.details?.current) stale = error;
      throw error;
    }
  });
  if (stale) throw new GraphQLError(stale.message, { extensions: { code: ErrorCode.CONFLICT, current: stale.details!.current } });
  return result;
}
