import pytest

from core.states import CLOCK, Guard, GuardFailed, InvalidTransition, transitions

MACHINE = transitions(
    [
        ("submitted", "acknowledge", "acknowledged", {"officer"}),
        ("acknowledged", "answer", "answered", {"officer"}),
        ("submitted", "withdraw", "withdrawn", {"requester"}),
    ]
)


def test_allowed_transition_gives_the_next_state():
    assert MACHINE.fire("submitted", "acknowledge", role="officer") == "acknowledged"


def test_action_not_allowed_from_a_state_is_refused():
    with pytest.raises(InvalidTransition):
        MACHINE.fire("submitted", "answer", role="officer")


def test_action_refused_for_the_wrong_role():
    with pytest.raises(InvalidTransition):
        MACHINE.fire("submitted", "withdraw", role="officer")
    assert not MACHINE.can_fire("submitted", "acknowledge", role=None)


def test_actions_listed_for_a_role():
    assert MACHINE.actions_from("submitted", role="requester") == ["withdraw"]
    assert MACHINE.states() == {"submitted", "acknowledged", "answered", "withdrawn"}


def test_deadline_rule_fields_give_a_rule_for_the_calendar():
    from core.calendar import DurationUnit
    from core.models import DeadlineRuleFields

    class Rule(DeadlineRuleFields):
        class Meta:
            app_label = "core"
            abstract = True

    rule = Rule.__new__(Rule)
    rule.duration, rule.unit = 20, "working_days"
    assert rule.deadline_rule.duration == 20 and rule.deadline_rule.unit is DurationUnit.WORKING_DAYS


GUARDED = transitions(
    [
        (
            "open",
            "extend",
            "open",
            {"officer"},
            Guard(lambda case: not case["extended"], "Only once.", "never extended"),
        ),
        ("open", "expire", "expired", {CLOCK}),
    ]
)


def test_a_guard_refuses_with_its_words_and_hides_the_action():
    assert GUARDED.fire("open", "extend", role="officer", subject={"extended": False}) == "open"
    with pytest.raises(GuardFailed, match="Only once"):
        GUARDED.fire("open", "extend", role="officer", subject={"extended": True})
    assert GUARDED.actions_from("open", role="officer", subject={"extended": True}) == []
    assert not GUARDED.can_fire("open", "extend", role="officer", subject={"extended": True})


def test_clock_transitions_are_listed_and_never_offered_to_people():
    assert GUARDED.clock_actions() == ["expire"]
    assert GUARDED.actions_from("open", role="officer", subject={"extended": False}) == ["extend"]


def test_the_diagram_draws_every_arrow_with_its_roles_and_conditions():
    drawn = GUARDED.mermaid(initial="open", final=["expired"])
    assert drawn.splitlines() == [
        "stateDiagram-v2",
        "    [*] --> open",
        "    open --> open: extend by officer if never extended",
        "    open --> expired: expire by the clock",
        "    expired --> [*]",
    ]
