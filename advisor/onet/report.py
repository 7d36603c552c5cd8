"""One O*NET occupation as shown: its description, what it needs most of each kind (one sentence
per kind, worded as a comparison with other occupations, since the ratings are rescaled across
occupations), its O*NET OnLine link and the attribution the CC BY 4.0 license asks for."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.onet.data import (ATTRIBUTION, DESCRIPTIONS_RELEASE, IMPORTANCE_RELEASE, KINDS, LICENSE, Need,
                               OccupationData, OnetMatch, OnetOccupation)

SCALE_NOTE = (f"O*NET {IMPORTANCE_RELEASE} importance ratings, rescaled so that 1 is the occupation that needs it "
              "most and 0 the one that needs it least: they compare occupations, they are not O*NET's 1–5 scale.")


@dataclass(frozen=True)
class OccupationProfile:
    occupation: OnetOccupation
    approximate: bool
    needs: dict[str, tuple[Need, ...]]  # kind ("Skill") → what it needs most, most first; empty when unrated

    def needs_text(self, kind: str) -> str | None:
        """"Compared with other occupations, Registered Nurses (29-1141.00) most need these skills: …"."""
        top = self.needs.get(kind)
        if not top:
            return None
        o = self.occupation
        listed = ", ".join(f"{n.name} ({n.importance:.2f})" for n in top)
        return f"Compared with other occupations, {o.title} ({o.code}) most need these {KINDS[kind]}: {listed}."

    def description_text(self) -> str:
        return f"{self.occupation.title} ({self.occupation.code}): {self.occupation.description}"

    def citation(self, part: str) -> dict:
        """What a citation of one part ("description", "Skill", …) carries."""
        o = self.occupation
        release = DESCRIPTIONS_RELEASE if part == "description" else IMPORTANCE_RELEASE
        return {"code": o.code, "soc": o.soc, "title": o.title, "part": part, "release": release,
                "url": o.url, "license": LICENSE, "attribution": ATTRIBUTION}

    def to_json(self) -> dict:
        o = self.occupation
        return {"code": o.code, "soc": o.soc, "title": o.title, "description": o.description, "url": o.url,
                "approximate": self.approximate,
                "needs": {KINDS[k]: [{"name": n.name, "importance": round(n.importance, 3)} for n in v]
                          for k, v in self.needs.items()},
                "releases": {"description": DESCRIPTIONS_RELEASE, "importance": IMPORTANCE_RELEASE},
                "scale": SCALE_NOTE, "attribution": ATTRIBUTION}

    def to_text(self) -> str:
        lines = [self.description_text()]
        lines += [text for kind in KINDS if (text := self.needs_text(kind))]
        if not any(self.needs.values()):
            lines.append(f"O*NET rates no skills, knowledge or abilities for {self.occupation.title} in the data we use.")
        else:
            lines.append(f"({SCALE_NOTE})")
        return "\n".join(lines + [self.occupation.url])


def profile_of(data: OccupationData, match: OnetMatch, top: int = 5) -> OccupationProfile:
    return OccupationProfile(match.occupation, match.approximate,
                             {kind: tuple(data.needs(match.occupation, kind, top)) for kind in KINDS})
