/** Credentials inside destination URLs: masked for display, restored only from their own mask. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { hasMaskedCredentials, maskUrl, unmaskUrl, urlCredentials } from "../src/url-mask.ts";

test("maskUrl hides userinfo and credential-like parameters, and nothing else", () => {
  assert.equal(
    maskUrl("https://u:p%40ss@h.test/x?a=1&token=t"),
    "https://***@h.test/x?a=1&token=***",
  );
  assert.equal(maskUrl("https://u@h.test"), "https://***@h.test/");
  assert.equal(
    maskUrl("https://h.test/x?api_key=k&Signature=s&x-secret=z&page=2"),
    "https://h.test/x?api_key=***&Signature=***&x-secret=***&page=2",
  );
  for (const plain of ["https://h.test/hook", "https://h.test/x?page=2", "not a url"])
    assert.equal(maskUrl(plain), plain);
});

test("urlCredentials lists what the mask hides (decoded), for scrubbing answers", () => {
  assert.deepEqual(urlCredentials("https://u:p%40ss@h.test/x?a=1&token=t"), ["u", "p@ss", "t"]);
  assert.deepEqual(urlCredentials("https://h.test/x"), []);
});

test("unmaskUrl restores the stored URL only from its own masked form", () => {
  const stored = "https://u:p@h.test/x?key=k";
  assert.equal(unmaskUrl(maskUrl(stored), stored), stored);
  assert.equal(unmaskUrl(`${maskUrl(stored)}/`, stored), stored);
  assert.equal(
    unmaskUrl("https://***@other.test/x?key=***", stored),
    "https://***@other.test/x?key=***",
  );
  assert.equal(unmaskUrl("https://h.test/x", "https://h.test/x"), "https://h.test/x");
  assert.equal(hasMaskedCredentials("https://***@other.test/"), true);
  assert.equal(hasMaskedCredentials("https://h.test/x?token=***"), true);
  assert.equal(hasMaskedCredentials("https://h.test/x?q=***"), false);
});
