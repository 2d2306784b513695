// Writes a short account of every test that failed or needed a retry to
// test-results/summary.txt, which scripts/test.sh prints after the phase
// times: the end of a long CI log is what gets read.
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const stripColours = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");

class FailuresReporter implements Reporter {
  private lines: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === "passed" || result.status === "skipped") {
      if (result.retry > 0) this.lines.push(`passed on retry ${result.retry}: ${this.title(test)}`);
      return;
    }
    this.lines.push(`${result.status} (try ${result.retry + 1}): ${this.title(test)}`);
    for (const error of result.errors) {
      const text = stripColours(error.message ?? error.value ?? "").split("\n").filter((l) => l.trim() !== "");
      this.lines.push(...text.slice(0, 8).map((l) => `    ${l.slice(0, 200)}`));
      if (error.location) this.lines.push(`    at ${path.basename(error.location.file)}:${error.location.line}`);
    }
  }

  onEnd(result: FullResult): void {
    const file = path.join(__dirname, "test-results", "summary.txt");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, this.lines.length ? `${this.lines.join("\n")}\n` : "");
    if (result.status !== "passed" && this.lines.length === 0) {
      writeFileSync(file, `the run ended ${result.status}\n`);
    }
  }

  private title(test: TestCase): string {
    const [file] = [path.basename(test.location.file)];
    return `${file}:${test.location.line} › ${test.title}`;
  }

  printsToStdio(): boolean {
    return false;
  }
}

export default FailuresReporter;
