// The JSON-lines testee protocol loop (docs/testee-protocol.md) shared by every upstream C++
// adapter binary; the drivers linked beside it register the builders, parsers and verifiers of
// one upstream API. Build: adapters/upstream-cpp/testee.sh compiles it against the upstream
// source folder it is pointed at.
//
// Clock pinning: upstream reads the clock with ::time(NULL). This file defines time() itself, so
// the link resolves every call in the binary to it (the executable's definition wins over
// libc's): it returns the case's `now` while a case gives one, else the real clock. The salt is
// pinned by pin.h (a preprocessor stand-in for std::random_device, upstream's salt source).
// Each answer is flushed at once; an exception thrown by upstream code becomes that case's
// error answer, never the end of the process.
#include <time.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "testee.h"

namespace testee {

Pin g_pin;

namespace {
std::map<std::string, BuildFn> &builders() {
  static std::map<std::string, BuildFn> table;
  return table;
}
std::vector<std::pair<std::string, DecodeFn>> &decoders() {
  static std::vector<std::pair<std::string, DecodeFn>> table;
  return table;
}
std::vector<std::pair<std::string, VerifyFn>> &verifiers() {
  static std::vector<std::pair<std::string, VerifyFn>> table;
  return table;
}

template <class Fn>
const Fn *by_prefix(const std::vector<std::pair<std::string, Fn>> &table, const std::string &token) {
  for (auto &entry : table)
    if (token.compare(0, entry.first.size(), entry.first) == 0) return &entry.second;
  return nullptr;
}

Json error(const std::string &kind, const std::string &message, const std::string &reason = "") {
  Json e = Json::object();
  e.set("kind", kind);
  if (!reason.empty()) e.set("reason", reason);
  e.set("message", message);
  return e;
}

struct Options {
  std::string name = "upstream-cpp", version = "unknown", notes;
};

Json hello(const Options &opt) {
  Json impl = Json::object();
  impl.set("name", opt.name);
  impl.set("language", "c++");
  impl.set("version", opt.version);
  impl.set("homepage", "https://github.com/AgoraIO/Tools/tree/master/DynamicKey/AgoraDynamicKey/cpp");
  if (!opt.notes.empty()) impl.set("notes", opt.notes);
  Json ids = Json::array();
  for (auto &entry : builders()) ids.push(entry.first);
  Json ops = Json::array();
  ops.push("build");
  if (!decoders().empty()) ops.push("decode");
  if (!verifiers().empty()) ops.push("verify");
  Json out = Json::object();
  out.set("op", "hello");
  out.set("protocol", 1);
  out.set("implementation", impl);
  out.set("builders", ids);
  out.set("operations", ops);
  return out;
}

// One request -> its answer's fields (without the id).
Json answer(const Json &req) {
  const std::string &op = req.at("op").str();
  if (op == "build") {
    auto it = builders().find(req.at("builder").str());
    if (it == builders().end()) throw Unsupported("no such builder in this tree");
    const Json &salt = req.at("salt"), &now = req.at("now");
    g_pin.has_salt = !salt.is_null();
    g_pin.has_now = !now.is_null();
    g_pin.salt = g_pin.has_salt ? salt.u32() : 0;
    g_pin.now = g_pin.has_now ? now.u32() : 0;
    return it->second(req.at("args"));
  }
  const std::string &token = req.at("token").str();
  if (op == "decode") {
    const DecodeFn *fn = by_prefix(decoders(), token);
    if (!fn) throw Unsupported("this tree has no parser for this token's version");
    Json out = Json::object();
    out.set("fields", (*fn)(token));
    return out;
  }
  if (op == "verify") {
    const VerifyFn *fn = by_prefix(verifiers(), token);
    if (!fn) throw Unsupported("this tree has no parser for this token's version");
    return (*fn)(req);
  }
  throw Unsupported("unknown op " + op);
}

}  // namespace

void add_builder(const std::string &id, BuildFn fn) { builders()[id] = std::move(fn); }
void add_decoder(const std::string &prefix, DecodeFn fn) { decoders().emplace_back(prefix, std::move(fn)); }
void add_verifier(const std::string &prefix, VerifyFn fn) { verifiers().emplace_back(prefix, std::move(fn)); }

std::string hex(const std::string &bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

static bool is_utf8(const std::string &s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = s[i];
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || i + extra >= n) return false;
    uint32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
      unsigned char d = s[i + k];
      if ((d >> 6) != 2) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static const uint32_t least[] = {0, 0x80, 0x800, 0x10000};
    if (cp < least[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) return false;
    i += extra + 1;
  }
  return true;
}

Json text_field(const std::string &bytes) {
  if (is_utf8(bytes)) return Json(bytes);
  Json out = Json::object();
  out.set("hex", hex(bytes));
  return out;
}

Json privileges_field(const std::map<uint16_t, uint32_t> &privileges) {
  Json out = Json::object();
  for (auto &kv : privileges) out.set(std::to_string(kv.first), Json(kv.second));
  return out;
}

}  // namespace testee

// The clock stand-in (see the header comment).
extern "C" time_t time(time_t *out) noexcept {
  time_t now;
  if (testee::g_pin.has_now) {
    now = testee::g_pin.now;
  } else {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    now = ts.tv_sec;
  }
  if (out) *out = now;
  return now;
}

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>

#include <sstream>

// Sanitized builds (AGORA_SANITIZE=1): stop at the first error, so it ends the process and the
// runner reports the pending case as a crash whose detail is the stderr tail. The report's key
// lines (the top frames, the summary, the error) are repeated last, so that tail names them.
// Leak checking at exit is off (it would report after the last answer, where no case carries it).
extern "C" const char *__asan_default_options() { return "halt_on_error=1:detect_leaks=0:print_legend=0"; }
extern "C" const char *__ubsan_default_options() { return "halt_on_error=1:print_stacktrace=0"; }

static void repeat_key_lines(const char *report) {
  std::istringstream lines{std::string(report)};
  std::string line, frames, summary, error;
  int count = 0;  // the first frames of the first stack: where the bad access happened
  while (std::getline(lines, line)) {
    if (line.rfind("    #", 0) == 0 && count++ < 4) frames += line + "\n";
    if (line.find("SUMMARY:") != std::string::npos) summary += line + "\n";
    if (line.find("ERROR: AddressSanitizer") != std::string::npos) error += line + "\n";
  }
  fputs(("testee: sanitizer report, key lines:\n" + frames + summary + error).c_str(), stderr);
}
static const bool report_hook = (__asan_set_error_report_callback(repeat_key_lines), true);
#endif

int main(int argc, char **argv) {
  using namespace testee;
  Options opt;
  for (int k = 1; k + 1 < argc; k += 2) {
    std::string flag = argv[k];
    if (flag == "--name") opt.name = argv[k + 1];
    else if (flag == "--version") opt.version = argv[k + 1];
    else if (flag == "--notes") opt.notes = argv[k + 1];
  }
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    Json req, out;
    std::string id;
    try {
      req = Json::parse(line);
      if (req.has("id")) id = req.at("id").str();
      const std::string &op = req.at("op").str();
      if (op == "stop") break;
      if (op == "hello") {
        std::cout << hello(opt).dump() << "\n" << std::flush;
        continue;
      }
      out = answer(req);
    } catch (const Unsupported &e) {
      out = Json::object();
      out.set("error", error("unsupported", e.what()));
    } catch (const DecodeFailure &e) {
      out = Json::object();
      out.set("error", error("decode_error", e.what(), e.reason));
    } catch (const BadArgument &e) {
      out = Json::object();
      out.set("error", error("invalid_input", std::string("adapter: ") + e.what()));
    } catch (const std::exception &e) {
      out = Json::object();
      out.set("error", error("invalid_input", std::string("upstream threw: ") + e.what()));
    }
    g_pin = Pin();
    Json line_out = Json::object();
    line_out.set("id", id);
    for (auto &kv : out.fields) line_out.set(kv.first, kv.second);
    std::cout << line_out.dump() << "\n" << std::flush;
  }
  return 0;
}
