// The oracle of tests/patterns and the patterns fuzz target: node's own RegExp with the u flag.
// Reads one JSON request per line on standard input, answers one line each:
//   {"p": PATTERN}               -> "ok" or "syntax <message>"  (new RegExp(p, "u"))
//   {"p": PATTERN, "s": SUBJECT} -> "1" or "0", or "syntax <message>", or "timeout" when the
//                                   match ran longer than 2 s
// The verdict is RegExp.prototype.test as ECMA-262 §22.2.7.2 (RegExpBuiltinExec) defines it
// for the u flag: the pattern tried at each code point index in turn (AdvanceStringIndex), here
// with the y flag at each index. node 20's own test() also tries indices inside a surrogate
// pair, where zero-width assertions can hold (/\B/u.test("b\u{1F600}x") is true in node, false
// by the specification); when the two differ the answer carries " v8:<its verdict>".
// Patterns are compiled once and cached, so a long-lived process stays fast. Matching runs in
// a vm context with a timeout, the one way to stop a backtracking RegExp in node.
import * as readline from "node:readline";
import vm from "node:vm";

const sandbox = vm.createContext({ re: null, sticky: null, s: "" });
const test = new vm.Script(`(() => {
  for (let i = 0; ; ) {
    sticky.lastIndex = i;
    if (sticky.test(s)) return [true, re.test(s)];
    if (i >= s.length) return [false, re.test(s)];
    i += s.codePointAt(i) > 0xffff ? 2 : 1;
  }
})()`);

const cache = new Map();
const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  let answer;
  try {
    const req = JSON.parse(line);
    let re = cache.get(req.p);
    if (re === undefined) {
      try {
        re = [new RegExp(req.p, "u"), new RegExp(req.p, "uy")];
      } catch (e) {
        re = e instanceof SyntaxError ? "syntax " + e.message.replace(/\s+/g, " ") : null;
        if (re === null) throw e;
      }
      if (cache.size > 10000) cache.clear();
      cache.set(req.p, re);
    }
    if (typeof re === "string") answer = re;
    else if (req.s === undefined) answer = "ok";
    else {
      [sandbox.re, sandbox.sticky] = re;
      sandbox.s = req.s;
      try {
        const [spec, v8] = test.runInContext(sandbox, { timeout: 2000 });
        answer = (spec ? "1" : "0") + (spec === v8 ? "" : " v8:" + (v8 ? "1" : "0"));
      } catch (e) {
        if (e.code !== "ERR_SCRIPT_EXECUTION_TIMEOUT") throw e;
        answer = "timeout";
      }
    }
  } catch (e) {
    answer = "error " + String(e).replace(/\s+/g, " ");
  }
  process.stdout.write(answer + "\n");
});
