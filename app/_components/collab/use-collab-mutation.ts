"use client";
// One way for the collaboration widgets to write: run a generated mutation, treat `ok: false` as an
// error carrying the server's message (and the first field at fault), and on success invalidate the
// model's collaboration queries, so the writer's own page updates even before its live event.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { gql } from "@/lib/client/graphql";
import type { TypedDocumentString } from "@/lib/client/gql/graphql";
import { queryKeys } from "@/lib/client/query-keys";

interface PayloadLike {
  ok: boolean;
  error?: { message: string; inputErrors?: { path: string[] | string; message: string }[] } | null;
}

/** A mutation payload that did not land (`ok: false`), with the server's message. */
export class PayloadError extends Error {
  override readonly name = "PayloadError";
}

/** The payload of a one-field mutation result, or the result itself when it is a scalar. */
function firstValue(data: object): unknown {
  return Object.values(data)[0];
}

function assertLanded(data: object): void {
  const payload = firstValue(data);
  if (payload && typeof payload === "object" && "ok" in payload) {
    const p = payload as PayloadLike;
    if (!p.ok) {
      const field = p.error?.inputErrors?.[0];
      throw new PayloadError(field ? `${p.error?.message ?? "Refused"} (${[field.path].flat().join(".")}: ${field.message})` : (p.error?.message ?? "The server refused the change."));
    }
  }
}

export function useCollabMutation<T extends object, V>(modelId: string, document: TypedDocumentString<T, V>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: V) => {
      const data = await gql(document, variables);
      assertLanded(data);
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.collab(modelId) }),
  });
}
