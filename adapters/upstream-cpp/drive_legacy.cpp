// Drives upstream's legacy keys @ da06bfb: DynamicKey (1) to DynamicKey5 and the Linux
// SignalingToken generator. They take their timestamps and random values as arguments, so
// nothing needs pinning.
#include "pin.h"  // first, as in every driver

#include "cpp/src/DynamicKey.h"
#include "cpp/src/DynamicKey2.h"
#include "cpp/src/DynamicKey3.h"
#include "cpp/src/DynamicKey4.h"
#include "cpp/src/DynamicKey5.h"
#include "cpp/src/generatorSignalToken-Linux.h"

namespace testee {
namespace {

using namespace agora::tools;

// The common arguments of DynamicKey2..5: app_id, app_certificate, channel_name, unix_ts,
// random_int, uid, expired_ts.
using KeyFn = std::string (*)(const std::string &, const std::string &, const std::string &, uint32_t, uint32_t, uint32_t,
                              uint32_t);

void add_key(const std::string &id, KeyFn fn) {
  add_builder(id, [fn](const Json &a) {
    return token_answer(fn(text(a, "app_id"), text(a, "app_certificate"), text(a, "channel_name"), u32(a, "unix_ts"),
                           u32(a, "random_int"), u32(a, "uid"), u32(a, "expired_ts")));
  });
}

Registration registration([] {
  add_builder("dynamic_key1.generate", [](const Json &a) {
    return token_answer(DynamicKey::generate(text(a, "app_id"), text(a, "app_certificate"), text(a, "channel_name"),
                                             u32(a, "unix_ts"), u32(a, "random_int")));
  });
  add_key("dynamic_key2.generate", DynamicKey2::generate);
  add_key("dynamic_key3.generate", DynamicKey3::generate);
  add_key("dynamic_key4.generate_media_channel_key", DynamicKey4::generateMediaChannelKey);
  add_key("dynamic_key4.generate_recording_key", DynamicKey4::generateRecordingKey);
  add_key("dynamic_key4.generate_public_sharing_key", DynamicKey4::generatePublicSharingKey);
  add_key("dynamic_key5.generate_media_channel_key", DynamicKey5::generateMediaChannelKey);
  add_key("dynamic_key5.generate_recording_key", DynamicKey5::generateRecordingKey);
  add_key("dynamic_key5.generate_public_sharing_key", DynamicKey5::generatePublicSharingKey);
  add_builder("dynamic_key5.generate_in_channel_permission_key", [](const Json &a) {
    return token_answer(DynamicKey5::generateInChannelPermissionKey(text(a, "app_id"), text(a, "app_certificate"),
                                                                    text(a, "channel_name"), u32(a, "unix_ts"), u32(a, "random_int"),
                                                                    u32(a, "uid"), u32(a, "expired_ts"), text(a, "permission")));
  });
  add_builder("signaling_token.generate", [](const Json &a) {
    // generateSignallingToken takes the expiry as an int: a uint32_t converts as in any C++ caller.
    return token_answer(CGeneSignalToken().generateSignallingToken(text(a, "account"), text(a, "app_id"),
                                                                   text(a, "app_certificate"),
                                                                   static_cast<int>(u32(a, "expired_ts"))));
  });
});

}  // namespace
}  // namespace testee
