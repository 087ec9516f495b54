"""Hand-built cases for the runner tests, from the known answers quoted in docs/formats.md §10.1."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from conformance.vectors import Case, Expect

APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
CHANNEL = "7d72365eb983485397e3e3f9d460bdda"

# docs/formats.md section 10.1, KAT at2-rtc-uid (issue_ts 1111111, salt 1, expire 600, RTC {1: 600})
AT2_TOKEN = (
    "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0Sj"
    "QxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhk"
    "bmxgDCaiTj"
)
AT2_SIGNATURE = "16a0b84c5a5e82cbf74fb813d09f59c54bdac9c06120580539ac97578e958b1a"
# docs/formats.md section 10.1, KAT at1-uid (salt 1, ts 1111111, privileges {1: 1446455471})
AT1_TOKEN = (
    "006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFH"
    "lEAABAAAAR/QQAAEAAQCvKDdW"
)

FAKES = Path(__file__).resolve().parents[1] / "fakes"


def fake(name: str, *args: str) -> list[str]:
    return [sys.executable, str(FAKES / name), *args]


def rtc2_case(case_id: str = "at2-rtc-uid", **overrides: Any) -> Case:
    args = {"app_id": APP_ID, "app_certificate": CERT, "channel_name": CHANNEL,
            "uid": 2882341273, "role": "subscriber", "token_expire": 600,
            "privilege_expire": 600}
    expect = overrides.pop("expect", Expect(token=AT2_TOKEN))
    args.update(overrides)
    return Case(id=case_id, file="t.yaml", family="rtc2", builder="rtc2.build_token_with_uid",
                args=args, expect=expect, salt=1, now=1111111)


def at1_case(case_id: str = "at1-uid", **overrides: Any) -> Case:
    args = {"app_id": APP_ID, "app_certificate": CERT, "channel_name": CHANNEL,
            "uid": 2882341273, "ts": 1111111, "privileges": {"1": 1446455471}}
    expect = overrides.pop("expect", Expect(token=AT1_TOKEN))
    args.update(overrides)
    return Case(id=case_id, file="t.yaml", family="access_token", builder="access_token.build",
                args=args, expect=expect, salt=1, now=None)


def many(n: int) -> list[Case]:
    """``n`` passing cases with distinct ids (the same KAT)."""
    return [rtc2_case(f"kat-{i:03d}") for i in range(n)]
