/** What the CI workflow needs to know about the project. */
export interface WorkflowInput {
  /** the spec as the config names it: a path in the repository, or an http(s) URL */
  spec: string;
  remote: boolean;
  /** the address the contract job's server listens on */
  target: string;
}

/**
 * .github/workflows/spec-contract.yml: generated code in step with the spec (`generate --check`), breaking
 * changes against the base branch (`diff`, pull requests only), and the contract suite against the
 * project's own server, split across jobs with `--shard`.
 */
export function renderWorkflow(input: WorkflowInput): string {
  const q = (value: string): string => JSON.stringify(value);
  const diffJob = input.remote
    ? ""
    : `
  breaking-changes:
    # Breaking changes between the pull request's spec and the base branch's (clients and servers).
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 22
          cache: npm
      - run: npm ci
      - name: Breaking changes against the base branch
        run: |
          npx spec-contract diff ${q(`git:origin/\${{ github.base_ref }}:${input.spec}`)} ${q(input.spec)} --format markdown >> "$GITHUB_STEP_SUMMARY"
`;
  return `# Written by \`spec-contract init\`; edit it freely (init never overwrites it).
name: spec-contract

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read
concurrency:
  group: spec-contract-\${{ github.ref }}
  cancel-in-progress: true

jobs:
  generated-code:
    # The committed generated code must be what the spec generates.
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
          cache: npm
      - run: npm ci
      - run: npx spec-contract generate --check
${diffJob}
  contract:
    # Replays every documented example of the spec against your server and validates the answers.
    runs-on: ubuntu-latest
    timeout-minutes: 15
    strategy:
      fail-fast: false
      matrix:
        shard: [1, 2]
    env:
      TARGET: ${q(input.target)}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
          cache: npm
      - run: npm ci
      - name: Start the server under test (edit this step to start yours)
        run: |
          npm run build --if-present
          (npm start > server.log 2>&1 &)
          for i in $(seq 1 30); do curl -s -o /dev/null "$TARGET" && exit 0; sleep 1; done
          cat server.log; exit 1
      - run: npx spec-contract test --target "$TARGET" --shard \${{ matrix.shard }}/2
`;
}
