// Drives upstream's AccessToken2 (007) @ da06bfb: the low-level token object (access_token2.build,
// with salt_ and issue_ts_ set from the case), the public builders RtcTokenBuilder2,
// RtmTokenBuilder2, ChatTokenBuilder2, FpaTokenBuilder, ApaasTokenBuilder and
// EducationTokenBuilder2 (salt and clock pinned by pin.h and main.cpp's time()), and
// AccessToken2::FromString / VerifySignature for token.decode and token.verify.
#include "pin.h"  // first: the salt stand-in must precede upstream's headers

#include "cpp/src/ApaasTokenBuilder.h"
#include "cpp/src/ChatTokenBuilder2.h"
#include "cpp/src/EducationTokenBuilder2.h"
#include "cpp/src/FpaTokenBuilder.h"
#include "cpp/src/RtcTokenBuilder2.h"
#include "cpp/src/RtmTokenBuilder2.h"

namespace testee {
namespace {

using namespace agora::tools;

UserRole role2(const Json &args, const char *key) {
  const std::string &role = text(args, key);
  if (role == "publisher") return UserRole::kRolePublisher;
  if (role == "subscriber") return UserRole::kRoleSubscriber;
  throw BadArgument(std::string(key) + ": unknown role " + role);
}

int16_t apaas_role(const Json &args) {
  const Json &v = args.at("role");
  if (v.kind != Json::Int || v.i < -32768 || v.i > 32767) throw BadArgument("role: not an i16");
  return static_cast<int16_t>(v.i);
}

void add_privileges(Service *service, const Json &privileges) {
  for (auto &kv : privileges.fields) {
    const Json id(static_cast<int64_t>(std::stoll(kv.first)));
    service->AddPrivilege(u16(id, "privilege id " + kv.first), kv.second.u32());
  }
}

std::string text_or_empty(const Json &spec, const char *key) { return spec.has(key) ? text(spec, key) : std::string(); }

ServiceRtm2::Permissions permissions(const Json &list) {
  ServiceRtm2::Permissions out;
  for (auto &entry : list.items) {
    std::vector<std::string> resources;
    for (auto &r : entry.at("resources").items) resources.push_back(r.str());
    out.Add(u16(entry.at("resource_type"), "resource_type"), u16(entry.at("permission_type"), "permission_type"), resources);
  }
  return out;
}

std::unique_ptr<Service> service(const Json &spec) {
  std::unique_ptr<Service> s;
  switch (spec.at("type").integer()) {
    case ServiceRtc::kServiceType:
      s.reset(new ServiceRtc(text_or_empty(spec, "channel_name"), text_or_empty(spec, "account")));
      break;
    case ServiceRtm::kServiceType: s.reset(new ServiceRtm(text_or_empty(spec, "user_id"))); break;
    case ServiceStreaming::kServiceType:
      s.reset(new ServiceStreaming(text_or_empty(spec, "channel_name"), text_or_empty(spec, "account")));
      break;
    case ServiceFpa::kServiceType: s.reset(new ServiceFpa()); break;
    case ServiceChat::kServiceType: s.reset(new ServiceChat(text_or_empty(spec, "user_id"))); break;
    case ServiceFCdn::kServiceType:
      s.reset(new ServiceFCdn(text_or_empty(spec, "channel_name"), text_or_empty(spec, "account")));
      break;
    case ServiceApaas::kServiceType:
      s.reset(new ServiceApaas(text_or_empty(spec, "room_uuid"), text_or_empty(spec, "user_uuid"),
                               spec.has("role") ? apaas_role(spec) : -1));
      break;
    case ServiceRtm2::kServiceType:
      s.reset(new ServiceRtm2(text_or_empty(spec, "user_id"),
                              spec.has("permissions") ? permissions(spec.at("permissions")) : ServiceRtm2::Permissions()));
      break;
    default:
      throw Unsupported("AccessToken2.h has no class for service type " + std::to_string(spec.at("type").integer()));
  }
  if (spec.has("privileges")) add_privileges(s.get(), spec.at("privileges"));
  return s;
}

Json low_level(const Json &a) {
  AccessToken2 token(text(a, "app_id"), text(a, "app_certificate"), g_pin.now, u32(a, "expire"));
  if (g_pin.has_now) token.issue_ts_ = g_pin.now;  // the constructor reads the clock when issue_ts is 0
  if (g_pin.has_salt) token.salt_ = g_pin.salt;
  for (auto &spec : a.at("services").items) token.AddService(service(spec));
  return token_answer(token.Build());
}

// Education and APaaS builders share a signature; one registration helper serves both names.
template <class Builder>
void register_apaas(const std::string &family) {
  add_builder(family + ".build_room_user_token", [](const Json &a) {
    return token_answer(Builder::BuildRoomUserToken(text(a, "app_id"), text(a, "app_certificate"), text(a, "room_uuid"),
                                                    text(a, "user_uuid"), apaas_role(a), u32(a, "expire")));
  });
  add_builder(family + ".build_user_token", [](const Json &a) {
    return token_answer(Builder::BuildUserToken(text(a, "app_id"), text(a, "app_certificate"), text(a, "user_uuid"), u32(a, "expire")));
  });
  add_builder(family + ".build_app_token", [](const Json &a) {
    return token_answer(Builder::BuildAppToken(text(a, "app_id"), text(a, "app_certificate"), u32(a, "expire")));
  });
}

Json service_fields(Service *s) {
  Json out = Json::object();
  out.set("type", Json(static_cast<int64_t>(s->type_)));
  out.set("privileges", privileges_field(s->privileges_));
  if (auto *x = dynamic_cast<ServiceRtc *>(s)) {
    out.set("channel_name", text_field(x->channel_name_));
    out.set("account", text_field(x->account_));
  } else if (auto *x = dynamic_cast<ServiceStreaming *>(s)) {
    out.set("channel_name", text_field(x->channel_name_));
    out.set("account", text_field(x->account_));
  } else if (auto *x = dynamic_cast<ServiceFCdn *>(s)) {
    out.set("channel_name", text_field(x->channel_name_));
    out.set("account", text_field(x->account_));
  } else if (auto *x = dynamic_cast<ServiceRtm *>(s)) {
    out.set("user_id", text_field(x->user_id_));
  } else if (auto *x = dynamic_cast<ServiceChat *>(s)) {
    out.set("user_id", text_field(x->user_id_));
  } else if (auto *x = dynamic_cast<ServiceApaas *>(s)) {
    out.set("room_uuid", text_field(x->room_uuid_));
    out.set("user_uuid", text_field(x->user_uuid_));
    out.set("role", Json(static_cast<int64_t>(x->role_)));
  } else if (auto *x = dynamic_cast<ServiceRtm2 *>(s)) {
    out.set("user_id", text_field(x->user_id_));
    Json perms = Json::array();
    for (auto &by_resource : x->permissions_.details_)
      for (auto &by_permission : by_resource.second) {
        Json entry = Json::object(), resources = Json::array();
        entry.set("resource_type", Json(static_cast<int64_t>(by_resource.first)));
        entry.set("permission_type", Json(static_cast<int64_t>(by_permission.first)));
        for (auto &r : by_permission.second) resources.push(text_field(r));
        entry.set("resources", resources);
        perms.push(entry);
      }
    out.set("permissions", perms);
  }
  return out;
}

AccessToken2 parse(const std::string &token) {
  AccessToken2 parsed;
  if (!parsed.FromString(token)) throw DecodeFailure("truncated", "AccessToken2::FromString returned false");
  return parsed;
}

Json decode(const std::string &token) {
  AccessToken2 parsed = parse(token);
  Json out = Json::object();
  out.set("version", "007");
  out.set("signature", hex(parsed.signature_));
  out.set("app_id", text_field(parsed.app_id_));
  out.set("issue_ts", parsed.issue_ts_);
  out.set("expire", parsed.expire_);
  out.set("salt", parsed.salt_);
  Json services = Json::array();
  for (auto &kv : parsed.services_) services.push(service_fields(kv.second.get()));
  out.set("services", services);
  // FromString stops without a word at an unknown service type; the type is found the way
  // FromString walks the payload (kServiceCreator, UnpackService) to report it as
  // unknown_service_type.
  Unpacker unpacker(parsed.raw_token_buffer_.data(), parsed.raw_token_buffer_.length());
  std::string signature, app_id;
  uint32_t issue_ts, expire, salt;
  uint16_t count, type;
  unpacker >> signature >> app_id >> issue_ts >> expire >> salt >> count;
  for (uint16_t k = 0; k < count; ++k) {
    unpacker >> type;
    auto creator = kServiceCreator.find(type);
    if (creator == kServiceCreator.end()) {
      out.set("unknown_service_type", Json(static_cast<int64_t>(type)));
      break;
    }
    std::unique_ptr<Service>(creator->second())->UnpackService(&unpacker);
  }
  return out;
}

Json verify(const Json &req) {
  Json out = Json::object();
  AccessToken2 parsed;
  if (!parsed.FromString(req.at("token").str())) {
    out.set("valid", false);
    out.set("reason", "truncated");
    return out;
  }
  TokenStatus status = parsed.VerifySignature(req.at("app_certificate").str());
  bool expired = !req.at("now").is_null() && req.at("now").integer() > int64_t(parsed.issue_ts_) + parsed.expire_;
  out.set("valid", status == kTokenVerifySuccess && !expired);
  if (status != kTokenVerifySuccess) out.set("reason", "bad_signature");
  else if (expired) out.set("reason", "expired");
  return out;
}

Registration registration([] {
  add_builder("access_token2.build", low_level);
  add_builder("rtc2.build_token_with_uid", [](const Json &a) {
    return token_answer(RtcTokenBuilder2::BuildTokenWithUid(text(a, "app_id"), text(a, "app_certificate"), text(a, "channel_name"),
                                                            u32(a, "uid"), role2(a, "role"), u32(a, "token_expire"),
                                                            u32_or(a, "privilege_expire", 0)));
  });
  add_builder("rtc2.build_token_with_user_account", [](const Json &a) {
    return token_answer(RtcTokenBuilder2::BuildTokenWithUserAccount(text(a, "app_id"), text(a, "app_certificate"),
                                                                    text(a, "channel_name"), text(a, "account"), role2(a, "role"),
                                                                    u32(a, "token_expire"), u32_or(a, "privilege_expire", 0)));
  });
  add_builder("rtc2.build_token_with_uid_and_privilege", [](const Json &a) {
    return token_answer(RtcTokenBuilder2::BuildTokenWithUid(
        text(a, "app_id"), text(a, "app_certificate"), text(a, "channel_name"), u32(a, "uid"), u32(a, "token_expire"),
        u32(a, "join_channel_privilege_expire"), u32(a, "pub_audio_privilege_expire"), u32(a, "pub_video_privilege_expire"),
        u32(a, "pub_data_privilege_expire")));
  });
  add_builder("rtc2.build_token_with_user_account_and_privilege", [](const Json &a) {
    return token_answer(RtcTokenBuilder2::BuildTokenWithUserAccount(
        text(a, "app_id"), text(a, "app_certificate"), text(a, "channel_name"), text(a, "account"), u32(a, "token_expire"),
        u32(a, "join_channel_privilege_expire"), u32(a, "pub_audio_privilege_expire"), u32(a, "pub_video_privilege_expire"),
        u32(a, "pub_data_privilege_expire")));
  });
  add_builder("rtc2.build_token_with_rtm", [](const Json &a) {
    return token_answer(RtcTokenBuilder2::BuildTokenWithRtm(text(a, "app_id"), text(a, "app_certificate"), text(a, "channel_name"),
                                                            text(a, "account"), role2(a, "role"), u32(a, "token_expire"),
                                                            u32_or(a, "privilege_expire", 0)));
  });
  add_builder("rtc2.build_token_with_rtm2", [](const Json &a) {
    return token_answer(RtcTokenBuilder2::BuildTokenWithRtm2(
        text(a, "app_id"), text(a, "app_certificate"), text(a, "channel_name"), text(a, "rtc_account"), role2(a, "rtc_role"),
        u32(a, "rtc_token_expire"), u32(a, "join_channel_privilege_expire"), u32(a, "pub_audio_privilege_expire"),
        u32(a, "pub_video_privilege_expire"), u32(a, "pub_data_privilege_expire"), text(a, "rtm_user_id"),
        u32(a, "rtm_token_expire")));
  });
  add_builder("rtm2.build_token", [](const Json &a) {
    return token_answer(RtmTokenBuilder2::BuildToken(text(a, "app_id"), text(a, "app_certificate"), text(a, "user_id"), u32(a, "expire")));
  });
  add_builder("rtm2.build_token_with_permissions", [](const Json &a) {
    return token_answer(RtmTokenBuilder2::BuildToken(text(a, "app_id"), text(a, "app_certificate"), text(a, "user_id"),
                                                     permissions(a.at("permissions")), u32(a, "expire")));
  });
  add_builder("chat2.build_user_token", [](const Json &a) {
    return token_answer(ChatTokenBuilder2::BuildUserToken(text(a, "app_id"), text(a, "app_certificate"), text(a, "user_id"), u32(a, "expire")));
  });
  add_builder("chat2.build_app_token", [](const Json &a) {
    return token_answer(ChatTokenBuilder2::BuildAppToken(text(a, "app_id"), text(a, "app_certificate"), u32(a, "expire")));
  });
  add_builder("fpa2.build_token", [](const Json &a) {
    return token_answer(FpaTokenBuilder::BuildToken(text(a, "app_id"), text(a, "app_certificate")));
  });
  register_apaas<ApaasTokenBuilder>("apaas2");
  register_apaas<EducationTokenBuilder2>("education2");
  add_decoder("007", decode);
  add_verifier("007", verify);
});

}  // namespace
}  // namespace testee
