// Drives upstream's AccessToken (006) @ da06bfb: the token object for access_token.build (its
// public message_.salt and message_.ts set from the case), RtcTokenBuilder and RtmTokenBuilder
// (salt and clock pinned by pin.h and main.cpp's time()), and AccessToken::FromString for
// token.decode and token.verify (the tree has no 006 verifier: the parsed message is re-signed
// through Build with the candidate certificate, channel and uid, and compared).
#include "pin.h"  // first: the salt stand-in must precede upstream's headers

#include "cpp/src/RtcTokenBuilder.h"
#include "cpp/src/RtmTokenBuilder.h"
#include "drive_006.h"

namespace testee {
namespace {

using namespace agora::tools;

UserRole role(const Json &args) {
  const std::string &name = text(args, "role");
  if (name == "attendee") return Role_Attendee;
  if (name == "publisher") return Role_Publisher;
  if (name == "subscriber") return Role_Subscriber;
  if (name == "admin") return Role_Admin;
  throw BadArgument("role: unknown 006 role " + name);
}

Registration registration([] {
  add_builder("access_token.build", [](const Json &a) {
    return token_answer(build_access_token<AccessToken>(a));
  });
  add_builder("rtc.build_token_with_uid", [](const Json &a) {
    return token_answer(RtcTokenBuilder::buildTokenWithUid(text(a, "app_id"), text(a, "app_certificate"), text(a, "channel_name"),
                                                           u32(a, "uid"), role(a), u32(a, "privilege_expired_ts")));
  });
  add_builder("rtc.build_token_with_user_account", [](const Json &a) {
    return token_answer(RtcTokenBuilder::buildTokenWithUserAccount(text(a, "app_id"), text(a, "app_certificate"),
                                                                   text(a, "channel_name"), text(a, "account"), role(a),
                                                                   u32(a, "privilege_expired_ts")));
  });
  add_builder("rtm.build_token", [](const Json &a) {
    if (a.has("role") && text(a, "role") != "rtm_user") throw BadArgument("role: unknown RTM role");
    return token_answer(RtmTokenBuilder::buildToken(text(a, "app_id"), text(a, "app_certificate"), text(a, "user_account"),
                                                    Rtm_User, u32(a, "privilege_expired_ts")));
  });
  add_decoder("006", decode_access_token<AccessToken>);
  add_verifier("006", verify_access_token<AccessToken>);
});

}  // namespace
}  // namespace testee
