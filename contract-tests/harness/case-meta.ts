import type { LoadedApi } from "./load-api.js";
import type { CaseResult, ContractCase } from "./types.js";

/** What the reports know of one finished case (JUnit, JSON, the summary table). */
export interface ContractMeta {
  api: string;
  target: string;
  kind: ContractCase["kind"];
  operationId: string;
  expected: string[];
  status?: number;
  /** the documented response the status fell under (`404`, `4XX`, `default`) */
  responseKey?: string;
  state: CaseResult["state"];
  durationMs: number;
  totals: { operations: number; statuses: string[] };
}

/** Every documented `<operationId> <status>` (not `default`): what coverage counts against. */
export function documentedStatuses(api: LoadedApi): string[] {
  return api.model.operations.flatMap((o) => o.responses.filter((r) => r.status !== "default").map((r) => `${o.operationId} ${r.status}`));
}

export function buildMeta(api: LoadedApi, targetName: string, result: CaseResult): ContractMeta {
  const testCase = result.case;
  return {
    api: api.name,
    target: targetName,
    kind: testCase.kind,
    operationId: testCase.operationId,
    expected: testCase.expectStatuses,
    ...(result.status !== undefined ? { status: result.status } : {}),
    ...(result.responseKey !== undefined ? { responseKey: result.responseKey } : {}),
    state: result.state,
    durationMs: result.durationMs,
    totals: { operations: api.model.operations.length, statuses: documentedStatuses(api) },
  };
}
