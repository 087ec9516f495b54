// 006 helpers shared by the drivers of every era (include after the era's AccessToken.h):
// access_token.build on the token object, and decode/verify through its FromString. Templates on
// the era's AccessToken type, whose public fields (message_, signature_, crc_*) are the same
// names from 2018 to today.
#pragma once

#include <zlib.h>

#include "testee.h"

namespace testee {

// The uid of a 006 case: an integer goes to the uint32_t constructor (0 signs as ""), a string
// to the string one.
template <class Token>
Token make_access_token(const Json &a) {
  const Json &uid = a.at("uid");
  if (uid.kind == Json::String)
    return Token(text(a, "app_id"), text(a, "app_certificate"), text(a, "channel_name"), uid.s);
  return Token(text(a, "app_id"), text(a, "app_certificate"), text(a, "channel_name"), u32(a, "uid"));
}

template <class Token>
std::string build_access_token(const Json &a) {
  Token token = make_access_token<Token>(a);
  if (g_pin.has_salt) token.message_.salt = g_pin.salt;
  token.message_.ts = u32(a, "ts");
  for (auto &kv : a.at("privileges").fields) {
    uint16_t id = u16(Json(static_cast<int64_t>(std::stoll(kv.first))), "privilege id " + kv.first);
    token.AddPrivilege(static_cast<typename Token::Privileges>(id), kv.second.u32());
  }
  return token.Build();
}

template <class Token>
Token parse_access_token(const std::string &text) {
  Token parsed;
  if (text.size() < 35 || !parsed.FromString(text)) throw DecodeFailure("truncated", "AccessToken::FromString returned false");
  return parsed;
}

template <class Token>
Json decode_access_token(const std::string &text) {
  Token parsed = parse_access_token<Token>(text);
  Json out = Json::object();
  out.set("version", "006");
  out.set("signature", hex(parsed.signature_));
  out.set("app_id", text_field(parsed.app_id_));
  out.set("crc_channel_name", parsed.crc_channel_name_);
  out.set("crc_uid", parsed.crc_uid_);
  out.set("salt", parsed.message_.salt);
  out.set("ts", parsed.message_.ts);
  out.set("privileges", privileges_field(parsed.message_.messages));
  return out;
}

template <class Token>
Json verify_access_token(const Json &req) {
  Json out = Json::object();
  const std::string &token = req.at("token").str();
  Token parsed;
  if (token.size() < 35 || !parsed.FromString(token)) {
    out.set("valid", false);
    out.set("reason", "truncated");
    return out;
  }
  Json args = Json::object();
  args.set("app_id", parsed.app_id_);
  args.set("app_certificate", req.at("app_certificate"));
  args.set("channel_name", req.has("channel_name") ? req.at("channel_name") : Json(""));
  args.set("uid", req.has("uid") ? req.at("uid") : Json(""));
  Token candidate = make_access_token<Token>(args);
  candidate.message_ = parsed.message_;
  bool signed_ok = candidate.Build() == token;
  bool expired = !req.at("now").is_null() && req.at("now").integer() > int64_t(parsed.message_.ts);
  out.set("valid", signed_ok && !expired);
  if (!signed_ok) out.set("reason", "bad_signature");
  else if (expired) out.set("reason", "expired");
  return out;
}

}  // namespace testee
