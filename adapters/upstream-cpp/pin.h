// Salt pinning for upstream headers: include this BEFORE any upstream header. Upstream draws its
// salt from `std::random_device r; r()` (utils.h GenerateSalt, every era); after <random> is
// included, the macro below makes that spelling name a stand-in that returns the case's salt
// while the case gives one (testee::g_pin, set by main.cpp) and a real random value otherwise.
// Only the code included after this header (upstream's) sees the macro.
#pragma once

#include <random>

#include "testee.h"

namespace std {
struct testee_pinned_random_device {
  uint32_t operator()() {
    if (testee::g_pin.has_salt) return testee::g_pin.salt;
    return static_cast<uint32_t>(std::random_device()());
  }
};
}  // namespace std

#define random_device testee_pinned_random_device
