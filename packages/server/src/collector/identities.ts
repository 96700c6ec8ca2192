/**
 * Identified ids keyed before anything is logged or stored (issue 22): where the site hashes
 * identified ids (`settings.hashIdentified`, the default), every `identify` id — the tag's
 * SHA-256 of the e-mail or customer id, or whatever a direct POST sent — becomes
 * `h1:` + SHA-256(site salt + ":" + SHA-256 of the id), the salt a secret derived from the
 * server's key. No
 * bare hash, which anyone could compute from an e-mail list, is kept in the log, the engine,
 * events or sessions; post-session integrations send the keyed hash as it is.
 */
import { createHash } from "node:crypto";
import type { Batch } from "@intently/engine";
import { identitySalt, KEYED_PREFIX, keyIdentity, SecretBox } from "@intently/integrations";
import type { Site } from "@intently/store";

const HEX_SHA256 = /^[0-9a-f]{64}$/;

export class IdentityKeys {
  private box: SecretBox | null = null;

  constructor(private readonly dataDir: string | null) {}

  /** Keys the batch's identify ids in place (nothing to do for a site that keeps them raw). */
  key(batch: Batch, site: Site): void {
    if (!site.settings.hashIdentified) return;
    for (const e of batch.events) if (e.type === "identify") e.id = this.keyed(site, e.id);
  }

  /**
   * An id as the collector stores it for the site (erasure by identity looks it up so). A raw
   * id (a tag with `hashIdentity: false`, a direct POST) is first hashed as the tag hashes it,
   * SHA-256 of the trimmed, lower-cased id, so both forms of one e-mail key alike and link.
   */
  keyed(site: Site, id: string): string {
    if (!site.settings.hashIdentified) return id;
    this.box ??= SecretBox.open(this.dataDir);
    const canonical =
      HEX_SHA256.test(id) || id.startsWith(KEYED_PREFIX)
        ? id
        : createHash("sha256").update(id.trim().toLowerCase()).digest("hex");
    return keyIdentity(canonical, identitySalt(this.box, site.id, site.settings));
  }
}
