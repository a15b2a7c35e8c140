"""The extractor's lexicons, loaded from ``data/extract_lexicon.json`` into one typed object."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Lexicon:
    version: str
    speech_lemmas: frozenset[str]
    cue_forms: tuple[str, ...]
    meeting_re: re.Pattern[str]
    spun_meeting_re: re.Pattern[str]  # meeting_re plus what spinners write for "met"
    phone_re: re.Pattern[str]  # a call, not a meeting: coded CONSULT with mode "telephone"
    attendance_after: tuple[re.Pattern[str], ...]  # each phrase as its own word-bounded pattern, lower case
    attendance_before: tuple[re.Pattern[str], ...]  # (and not followed by "by")
    attendance_any: re.Pattern[str]  # any of them: most sentences name no one present, and are skipped at once
    nonperson_words: frozenset[str]
    post_nominals: frozenset[str]  # honours and seats written after a name ("MP", "OBE"): not the name
    cue_re: re.Pattern[str]
    landmarks: dict[str, str]  # seat of government or palace -> its city ("Kremlin" -> "Moscow")

    @classmethod
    def load(cls) -> Lexicon:
        data = json.loads(resources.files("communique").joinpath("data/extract_lexicon.json").read_text("utf-8"))
        forms = tuple(sorted(set(data["cue_verbs_forms"]), key=len, reverse=True))
        return cls(
            version=data["version"],
            speech_lemmas=frozenset(data["speech_verbs"]),
            cue_forms=forms,
            meeting_re=re.compile("|".join(data["meeting_patterns"]), re.I),
            phone_re=re.compile("|".join(data.get("phone_patterns", [])) or "(?!)", re.I),
            spun_meeting_re=re.compile("|".join(data["meeting_patterns"] + data.get("spun_meeting_patterns", [])), re.I),
            attendance_after=tuple(re.compile(r"\b" + p + r"\b") for p in data["attendance_after"]),
            attendance_before=tuple(re.compile(r"\b" + p + r"\b(?!\s+by\b)") for p in data["attendance_before"]),
            attendance_any=re.compile(r"\b(?:" + "|".join(data["attendance_after"] + data["attendance_before"]) + r")\b"),
            nonperson_words=frozenset(data["nonperson_words"]),
            post_nominals=frozenset(data.get("post_nominals", [])),
            landmarks=dict(data.get("landmarks", {})),
            cue_re=re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b", re.I),
        )
