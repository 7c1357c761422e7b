// endpointStringField (lib/auth/endpoint-field.ts): the body field a better-auth rule checks, by path.
import { describe, expect, it } from "vitest";
import { endpointStringField } from "@/lib/auth/endpoint-field";

const FIELDS = { "/sign-up/email": "email", "/change-email": "newEmail" };

describe("endpointStringField", () => {
  it("answers the field named for the path and its string value", () => {
    expect(endpointStringField(FIELDS, "/change-email", { newEmail: "a@b.c", email: "x@y.z" })).toEqual({ field: "newEmail", value: "a@b.c" });
  });

  it("answers null for a path not in the map, including Object.prototype's names", () => {
    expect(endpointStringField(FIELDS, "/sign-in/email", { email: "a@b.c" })).toBeNull();
    expect(endpointStringField(FIELDS, "constructor", { constructor: "a@b.c" })).toBeNull();
  });

  it("answers null for a body that is not an object and for a missing or non-string value", () => {
    for (const body of [null, undefined, "email", 3]) expect(endpointStringField(FIELDS, "/sign-up/email", body)).toBeNull();
    for (const body of [{}, { email: 3 }, { email: ["a@b.c"] }, { email: null }]) expect(endpointStringField(FIELDS, "/sign-up/email", body)).toBeNull();
  });
});
