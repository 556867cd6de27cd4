import pytest

from core.states import InvalidTransition, transitions

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
