import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from associations.models import Association, AssociationRole
from associations.services import association_create, association_member_add, can_act_for
from institutions.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_citizen_registers_an_association_and_becomes_its_representative(client):
    user = UserFactory()
    institution = InstitutionFactory()
    client.force_login(user)
    data = {"name": "Les amis du parc", "registration_number": "RB-1", "registered_with": institution.pk}
    response = client.post(reverse("associations:new"), data)
    association = Association.objects.get(name="Les amis du parc")
    assert response.status_code == 302
    assert association.members.get().role == AssociationRole.REPRESENTATIVE
    assert not association.is_verified
    # Submitting the same form again creates nothing twice and says why.
    response = client.post(reverse("associations:new"), data)
    assert response.status_code == 200 and "registration_number" in response.context["form"].errors
    assert Association.objects.filter(name="Les amis du parc").count() == 1


def test_another_citizen_cannot_see_my_association(client):
    association = association_create(
        actor=UserFactory(), name="Privée", registration_number="P1", registered_with=InstitutionFactory()
    )
    client.force_login(UserFactory())
    assert client.get(reverse("associations:detail", args=[association.public_id])).status_code == 404


def test_only_a_verified_associations_representative_can_act_for_it():
    rep, member = UserFactory(), UserFactory()
    association = association_create(actor=rep, name="A", registration_number="1", registered_with=InstitutionFactory())
    association_member_add(actor=rep, association=association, user=member)
    assert not can_act_for(rep, association)
    Association.objects.filter(pk=association.pk).update(verified_at="2026-01-01T00:00:00Z")
    association.refresh_from_db()
    assert can_act_for(rep, association) and not can_act_for(member, association)


def test_a_member_cannot_add_members():
    from django.core.exceptions import PermissionDenied

    rep, member = UserFactory(), UserFactory()
    association = association_create(actor=rep, name="A", registration_number="1", registered_with=InstitutionFactory())
    association_member_add(actor=rep, association=association, user=member)
    with pytest.raises(PermissionDenied):
        association_member_add(actor=member, association=association, user=UserFactory())


@pytest.mark.parametrize("rows", [1, 20])
def test_my_associations_query_count(client, rows, django_assert_max_num_queries):
    user = UserFactory()
    institution = InstitutionFactory()
    for i in range(rows):
        association_create(actor=user, name=f"A{i}", registration_number=str(i), registered_with=institution)
    client.force_login(user)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("associations:list"))
    assert response.status_code == 200
    assert f">A{rows - 1}</a>" in response.content.decode()
