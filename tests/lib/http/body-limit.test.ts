// lib/http/body-limit: bodies read up to their limit and no further, declared lengths checked unread.
import { describe, expect, it } from "vitest";
import { BodyTooLargeError, checkDeclaredLength, declaredLength, readBoundedBody, withBoundedBody } from "@/lib/http/body-limit";

function streamOf(pieces: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < pieces.length) controller.enqueue(pieces[i++]);
      else controller.close();
    },
  });
}

function request(body: BodyInit | null, headers: Record<string, string> = {}, method = "POST"): Request {
  return new Request("http://localhost/x", { method, body, headers, duplex: "half" } as RequestInit);
}

describe("readBoundedBody", () => {
  it("returns every byte of a body at the limit, across pieces", async () => {
    const bytes = await readBoundedBody(request(streamOf([new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([4, 5])])), 5);
    expect(Array.from(bytes)).toEqual([1, 2, 3, 4, 5]);
  });

  it("throws BodyTooLargeError one byte over the limit", async () => {
    await expect(readBoundedBody(request(streamOf([new Uint8Array(3), new Uint8Array(3)])), 5)).rejects.toThrow(BodyTooLargeError);
  });

  it("refuses a declared length over the limit without reading", async () => {
    expect(() => checkDeclaredLength(request("x", { "content-length": "6" }), 5)).toThrow("the request body is 6 bytes, more than the 5-byte limit");
    expect(() => checkDeclaredLength(request("x", { "content-length": "5" }), 5)).not.toThrow();
  });

  it("ignores a Content-Length that is not a plain decimal count", () => {
    for (const raw of ["-1", "1e9", "abc", "12 34"]) expect(declaredLength(new Request("http://localhost/x", { headers: { "content-length": raw } }))).toBeUndefined();
    expect(declaredLength(new Request("http://localhost/x", { headers: { "content-length": "42" } }))).toBe(42);
  });
});

describe("withBoundedBody", () => {
  it("gives a request with the same method, headers and body", async () => {
    const bounded = await withBoundedBody(request('{"a":1}', { "content-type": "application/json", "x-test": "1" }), 100);
    expect(bounded.method).toBe("POST");
    expect(bounded.headers.get("x-test")).toBe("1");
    expect(await bounded.json()).toEqual({ a: 1 });
  });

  it("passes a GET through untouched", async () => {
    const get = request(null, {}, "GET");
    expect(await withBoundedBody(get, 0)).toBe(get);
  });
});
