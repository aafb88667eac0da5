"""The project's effect goals E1–E5 and project goals P1–P5, as the project directive states
them (seed 004 §2.1 and §2.3). They are fixed text, not data a coordinator edits: the surveys
ask about E1–E5 and the implementation status computes P1–P5.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EffectGoal:
    code: str
    title: str
    statement: str  # what the survey asks the respondent to agree with


EFFECT_GOALS = (
    EffectGoal(
        "E1",
        "En större kontinuitet i samverkan",
        "Kontinuiteten i samverkan är tillfredsställande.",
    ),
    EffectGoal(
        "E2",
        "Effektivare samverkansorganisation",
        "Samverkansstrukturens effektivitet är tillfredsställande.",
    ),
    EffectGoal(
        "E3",
        "Effektivare mötesstruktur",
        "Mötesstrukturens effektivitet är tillfredsställande.",
    ),
    EffectGoal(
        "E4",
        "God samverkanskultur",
        "Samverkanskulturen är tillfredsställande.",
    ),
    EffectGoal(
        "E5",
        "Stärkta relationer",
        "Relationerna i samarbetet är tillfredsställande.",
    ),
)
EFFECT_GOAL_CODES = tuple(goal.code for goal in EFFECT_GOALS)
EFFECT_GOAL_CHOICES = [(goal.code, f"{goal.code} {goal.title}") for goal in EFFECT_GOALS]

# The directive's target: at least 75 % of (about 60) interviewed people satisfied.
TARGET_SHARE = 75


@dataclass(frozen=True)
class ProjectGoal:
    code: str
    title: str
    serves: tuple[str, ...]  # the effect goals it serves (seed 004 §2.3)


PROJECT_GOALS = (
    ProjectGoal("P1", "En överenskommelse om samverkan mellan regionen och kommunerna", ("E3",)),
    ProjectGoal(
        "P2", "Lokala överenskommelser mellan regionen och respektive kommun", ("E1", "E5")
    ),
    ProjectGoal("P3", "Uppdragsbeskrivningar till samtliga samverkansgrupperingar", ("E3",)),
    ProjectGoal("P4", "Nuvarande samverkansorganisation är förberedd för att upplösas", ("E1",)),
    ProjectGoal(
        "P5", "Regionala koordinatorer och deras uppdrag är etablerade", ("E1", "E2", "E3")
    ),
)
