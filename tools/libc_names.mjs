#!/usr/bin/env node
// libc_names.mjs: the identifiers of the standard headers a user's file may include beside a
// generated header that a generated name could spell, one per line as "NAME KIND", KIND one of
// macro (object-like macro), type (typedef), decl (function, variable, enum constant, tag).
// Sources: `cc -dM -E` (macros) and `clang -Xclang -ast-dump=json` (declarations) of every
// ISO C17/C23 header the host has and the POSIX headers below, with _GNU_SOURCE (glibc's widest
// set), in C (gnu17, c2x) and C++17; and the lower-case macros gcc/clang predefine in gnu modes
// for the targets below. Names a generated identifier cannot be are left out: those with "__" or
// a leading '_', mixed case, upper case without '_' (every enum constant has one), and
// declarations without '_' (every generated type, function and enum constant has one; a member
// may spell a function: members are not ordinary identifiers).
// usage: node libc_names.mjs [CC...]   (default: gcc clang g++ clang++)
import { execFileSync } from 'node:child_process';

const ISO = ['assert', 'complex', 'ctype', 'errno', 'fenv', 'float', 'inttypes', 'iso646', 'limits',
  'locale', 'math', 'setjmp', 'signal', 'stdalign', 'stdarg', 'stdatomic', 'stdbit', 'stdbool',
  'stdckdint', 'stddef', 'stdint', 'stdio', 'stdlib', 'stdnoreturn', 'string', 'tgmath', 'threads',
  'time', 'uchar', 'wchar', 'wctype'];
const POSIX = ['arpa/inet', 'dirent', 'dlfcn', 'fcntl', 'glob', 'grp', 'netdb', 'netinet/in',
  'netinet/tcp', 'poll', 'pthread', 'pwd', 'regex', 'sched', 'semaphore', 'strings', 'sys/mman',
  'sys/resource', 'sys/select', 'sys/socket', 'sys/stat', 'sys/time', 'sys/types', 'sys/uio',
  'sys/un', 'sys/utsname', 'sys/wait', 'syslog', 'termios', 'unistd', 'utime'];
// Targets whose gnu-mode predefined lower-case macros (linux, unix, sun, sparc, mips, vax, ...)
// would replace a member: clang knows them all without a sysroot.
const TARGETS = ['x86_64-linux-gnu', 'i386-linux-gnu', 'aarch64-linux-gnu', 'arm-linux-gnueabihf',
  'mips-linux-gnu', 'mips64el-linux-gnuabi64', 'powerpc64le-linux-gnu', 'powerpc-linux-gnu',
  'riscv64-linux-gnu', 's390x-linux-gnu', 'sparc-sun-solaris2.11', 'sparcv9-sun-solaris2.11',
  'x86_64-pc-solaris2.11', 'x86_64-unknown-freebsd13', 'x86_64-unknown-netbsd', 'vax-unknown-netbsd',
  'x86_64-unknown-openbsd', 'x86_64-apple-darwin', 'arm64-apple-darwin', 'x86_64-pc-windows-gnu',
  'i686-pc-windows-gnu', 'x86_64-pc-cygwin', 'm68k-linux-gnu', 'hexagon-unknown-linux-musl',
  'wasm32-unknown-wasi', 'avr', 'msp430', 'x86_64-unknown-haiku'];

const compilers = process.argv.slice(2).length ? process.argv.slice(2) : ['gcc', 'clang', 'g++', 'clang++'];
const run = (cmd, args, input) => {
  try {
    return execFileSync(cmd, args, { input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'ignore'] }).toString();
  } catch { return ''; }
};
const has = (cc, lang, h) => run(cc, ['-x', lang, '-fsyntax-only', '-D_GNU_SOURCE', '-'], `#include <${h}.h>\n`) !== '' ||
  run(cc, ['-x', lang, '-E', '-D_GNU_SOURCE', '-'], `#include <${h}.h>\n`) !== '';

const names = new Map(); // name -> Set of kinds
const add = (name, kind) => {
  if (!names.has(name)) names.set(name, new Set());
  names.get(name).add(kind);
};

for (const cc of compilers) {
  const cxx = cc.endsWith('++');
  const lang = cxx ? 'c++' : 'c';
  const stds = cxx ? ['-std=c++17'] : ['-std=gnu17', '-std=c2x'];
  const headers = [...ISO, ...POSIX].filter((h) => has(cc, lang, h));
  const src = headers.map((h) => `#include <${h}.h>\n`).join('');
  for (const std of stds) {
    for (const line of run(cc, ['-x', lang, std, '-D_GNU_SOURCE', '-dM', '-E', '-'], src).split('\n')) {
      const m = /^#define ([A-Za-z_][A-Za-z0-9_]*)(\(|\s|$)/.exec(line);
      if (m && m[2] !== '(') add(m[1], 'macro');
    }
    if (cc.startsWith('clang')) {
      const ast = JSON.parse(run(cc, ['-x', lang, std, '-D_GNU_SOURCE', '-fsyntax-only', '-Xclang', '-ast-dump=json', '-'], src) || '{}');
      const walk = (n, top) => {
        for (const d of n.inner || []) {
          if (d.isImplicit || !d.name) { if (d.kind === 'LinkageSpecDecl') walk(d, true); else if (d.kind === 'EnumDecl') walk(d, false); continue; }
          if (d.kind === 'TypedefDecl') add(d.name, 'type');
          else if (['FunctionDecl', 'VarDecl', 'RecordDecl', 'EnumDecl', 'EnumConstantDecl', 'CXXRecordDecl'].includes(d.kind)) add(d.name, 'decl');
          if (d.kind === 'EnumDecl' || d.kind === 'LinkageSpecDecl' || d.kind === 'NamespaceDecl') walk(d, top);
        }
      };
      walk(ast, true);
    }
  }
}
for (const t of TARGETS)
  for (const std of ['-std=gnu17', '-std=gnu++17'])
    for (const line of run('clang', [`--target=${t}`, std, '-x', std.includes('++') ? 'c++' : 'c', '-dM', '-E', '/dev/null']).split('\n')) {
      const m = /^#define ([a-z][a-z0-9_]*) /.exec(line);
      if (m) add(m[1], 'macro');
    }

// gcc's documented system-specific macros of older targets clang does not know (gcc manual,
// "System-specific Predefined Macros"): predefined in gnu modes only.
for (const m of ['vax', 'm68k', 'mc68000', 'mc68020', 'ns32000', 'pyr', 'sequent', 'hppa', 'hp9000',
  'sgi', 'bsd4_2', 'bsd4_3', 'sony', 'news', 'tahoe', 'gould', 'ibm032', 'u3b', 'u3b2', 'u3b5',
  'u3b15', 'u370', 'interdata', 'alliant', 'convex', 'ultrix', 'sun2', 'sun3', 'sun4', 'ns16000'])
  add(m, 'macro');

const out = [];
for (const [name, kinds] of names) {
  if (name.includes('__') || name.startsWith('_')) continue;
  const lower = /^[a-z][a-z0-9_]*$/.test(name), upper = /^[A-Z][A-Z0-9]*_[A-Z0-9_]*$/.test(name);
  if (!lower && !upper) continue;
  const ks = [...kinds].filter((k) => k !== 'decl' || name.includes('_'));
  if (ks.length) out.push(`${name} ${ks.sort().join(',')}`);
}
out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
process.stdout.write(out.join('\n') + '\n');
