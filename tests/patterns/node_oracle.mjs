// The oracle of tests/patterns and the patterns fuzz target: node's own RegExp with the u flag.
// Reads one JSON request per line on standard input, answers one line each:
//   {"p": PATTERN}               -> "ok" or "syntax <message>"  (new RegExp(p, "u"))
//   {"p": PATTERN, "s": SUBJECT} -> "1" or "0" (RegExp.prototype.test), or "syntax <message>"
// Patterns are compiled once and cached, so a long-lived process stays fast.
import * as readline from "node:readline";

const cache = new Map();
const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  let answer;
  try {
    const req = JSON.parse(line);
    let re = cache.get(req.p);
    if (re === undefined) {
      try {
        re = new RegExp(req.p, "u");
      } catch (e) {
        re = e instanceof SyntaxError ? "syntax " + e.message.replace(/\s+/g, " ") : null;
        if (re === null) throw e;
      }
      if (cache.size > 10000) cache.clear();
      cache.set(req.p, re);
    }
    if (typeof re === "string") answer = re;
    else if (req.s === undefined) answer = "ok";
    else answer = re.test(req.s) ? "1" : "0";
  } catch (e) {
    answer = "error " + String(e).replace(/\s+/g, " ");
  }
  process.stdout.write(answer + "\n");
});
