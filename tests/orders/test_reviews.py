"""The client's review: only of a completed order, once, rated 1 to 5 with an overall verdict;
the provider answers once."""

import pytest

from labshare.core.errors import Conflict, InvalidInput, InvalidState, NotAllowed
from labshare.orders import services
from labshare.orders.models import Review, ServiceOrder
from tests.factories import act
from tests.orders.conftest import NOW, state_of, walk

S = ServiceOrder.Status


@pytest.fixture
def completed(sme_member, lab, tensile, now):
    return walk(sme_member, lab, [tensile], S.COMPLETED)


@pytest.fixture
def review(completed, sme_member):
    return services.review_order(act(sme_member), completed, 4, "good", "  出报告很快  ")


def test_the_client_reviews_a_completed_order(review, sme_member):
    review = Review.objects.get(pk=review.pk)
    assert (review.rating, review.sentiment, review.comment) == (4, "good", "出报告很快")
    assert (review.created_by, review.created_at) == (sme_member, NOW)


@pytest.mark.parametrize("step", [S.SUBMITTED, S.ACCEPTED, "checked", S.REPORTED])
def test_only_a_completed_order_is_reviewed(step, sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], step)
    before = state_of(order)
    with pytest.raises(InvalidState):
        services.review_order(act(sme_member), order, 5, "good")
    assert state_of(order) == before


def test_a_cancelled_order_is_not_reviewed(sme_member, lab, tensile, now):
    order = walk(sme_member, lab, [tensile], S.SUBMITTED)
    services.cancel_order(act(sme_member), order, "不再需要")
    with pytest.raises(InvalidState):
        services.review_order(act(sme_member), order, 1, "bad")
    assert not Review.objects.exists()


def test_an_order_is_reviewed_once(review, completed, sme_admin):
    before = state_of(completed)
    with pytest.raises(Conflict) as refusal:
        services.review_order(act(sme_admin), completed, 1, "bad", "改主意了")
    assert refusal.value.code == "reviewed"
    assert state_of(completed) == before


@pytest.mark.parametrize(
    ("rating", "sentiment", "field"),
    [
        (0, "good", "rating"),
        (6, "good", "rating"),
        (-1, "bad", "rating"),
        ("5", "good", "rating"),
        (None, "good", "rating"),
        (4.5, "good", "rating"),
        (True, "good", "rating"),
        (3, "great", "sentiment"),
        (3, "", "sentiment"),
    ],
)
def test_a_rating_is_a_whole_number_from_one_to_five_with_a_verdict(
    rating, sentiment, field, completed, sme_member
):
    before = state_of(completed)
    with pytest.raises(InvalidInput) as refusal:
        services.review_order(act(sme_member), completed, rating, sentiment)
    assert refusal.value.field == field
    assert state_of(completed) == before


@pytest.mark.parametrize("rating", [1, 5])
def test_the_ends_of_the_scale_are_ratings(rating, completed, sme_member):
    assert services.review_order(act(sme_member), completed, rating, "neutral").rating == rating


def test_the_provider_answers_once(review, completed, technician, provider_admin):
    services.reply_to_review(act(technician), review, "  感谢您的认可  ")
    review.refresh_from_db()
    assert (review.reply, review.replied_at) == ("感谢您的认可", NOW)
    before = state_of(completed)
    with pytest.raises(InvalidState) as refusal:
        services.reply_to_review(act(provider_admin), review, "再补充一句")
    assert refusal.value.code == "answered"
    assert state_of(completed) == before


def test_an_empty_answer_is_refused(review, completed, technician):
    before = state_of(completed)
    with pytest.raises(InvalidInput) as refusal:
        services.reply_to_review(act(technician), review, "   ")
    assert refusal.value.field == "reply"
    assert state_of(completed) == before


@pytest.mark.parametrize("persona", ["sme_member", "outsider", "other_provider_admin"])
def test_only_the_provider_answers(persona, request, review, completed):
    user = request.getfixturevalue(persona)
    before = state_of(completed)
    with pytest.raises(NotAllowed):
        services.reply_to_review(act(user), review, "回复")
    assert state_of(completed) == before
