// What the protocol loop (main.cpp) and the drivers (one .cpp per upstream API) share: the case's
// pinned salt and clock, the handler tables the drivers fill at start-up, and the error kinds.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

#include "json.h"

namespace testee {

// The case's salt and clock. main.cpp sets them before each build; pin.h's random_device
// stand-in and main.cpp's time() read them. has_salt / has_now false (the request's null): the
// real random source / clock.
struct Pin {
  bool has_salt = false, has_now = false;
  uint32_t salt = 0;
  uint32_t now = 0;
};
extern Pin g_pin;

struct Unsupported : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The adapter cannot hand the argument to the C++ API (wrong type, out of the parameter's range).
struct BadArgument : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};
struct DecodeFailure : std::runtime_error {
  std::string reason;
  DecodeFailure(std::string why, const std::string &message) : std::runtime_error(message), reason(std::move(why)) {}
};

// build(args) -> the answer's fields ({"token": ...} and, for scripts, "results").
using BuildFn = std::function<Json(const Json &args)>;
// decode(token) -> decoded fields; verify(request) -> {"valid": ..., "reason": ...}.
using DecodeFn = std::function<Json(const std::string &token)>;
using VerifyFn = std::function<Json(const Json &request)>;

void add_builder(const std::string &id, BuildFn fn);
void add_decoder(const std::string &prefix, DecodeFn fn);
void add_verifier(const std::string &prefix, VerifyFn fn);

// Runs its body once at start-up (static initialisation): drivers register their handlers with it.
struct Registration {
  explicit Registration(const std::function<void()> &body) { body(); }
};

// Argument helpers: the protocol's typed arguments as the C++ API's parameter types.
inline const std::string &text(const Json &args, const char *key) {
  const Json &v = args.at(key);
  if (v.kind != Json::String) throw BadArgument(std::string(key) + ": expected a string");
  return v.s;
}
inline uint32_t u32(const Json &args, const char *key) {
  const Json &v = args.at(key);
  if (v.kind != Json::Int || v.i < 0 || v.i > 0xFFFFFFFFLL)
    throw BadArgument(std::string(key) + ": not an integer in 0..2^32-1 (the C++ parameter is uint32_t)");
  return static_cast<uint32_t>(v.i);
}
inline uint32_t u32_or(const Json &args, const char *key, uint32_t fallback) {
  return args.has(key) ? u32(args, key) : fallback;
}
inline uint16_t u16(const Json &v, const std::string &what) {
  if (v.kind != Json::Int || v.i < 0 || v.i > 0xFFFF) throw BadArgument(what + ": not an integer in 0..65535");
  return static_cast<uint16_t>(v.i);
}
inline Json token_answer(const std::string &token) {
  Json out = Json::object();
  out.set("token", token);
  return out;
}

// Decoded-field helpers (docs/architecture.md "Decoded fields").
std::string hex(const std::string &bytes);
Json text_field(const std::string &bytes);  // the text, or {"hex": ...} when it is not UTF-8
Json privileges_field(const std::map<uint16_t, uint32_t> &privileges);

}  // namespace testee
