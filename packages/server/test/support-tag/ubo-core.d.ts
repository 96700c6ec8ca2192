/** The part of @gorhill/ubo-core (no types of its own) that the uBlock Origin test uses. */
declare module "@gorhill/ubo-core" {
  export interface RequestDetails {
    originURL: string;
    url: string;
    type: string;
  }
  export class StaticNetFilteringEngine {
    static create(options?: { noPSL?: boolean }): Promise<StaticNetFilteringEngine>;
    useLists(lists: { name: string; raw: string }[]): Promise<void>;
    /** 0: no filter matched, 1: blocked, 2: an exception filter allowed it. */
    matchRequest(details: RequestDetails): 0 | 1 | 2;
    toLogData(): { raw?: string } | undefined;
  }
  export function pslInit(raw?: string): unknown;
}
