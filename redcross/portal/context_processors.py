from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (section, [(label, url name, permission)]); a link shows only with its permission.
NAVIGATION = [
    (_("Overview"), [
        (_("Dashboard"), "portal:home", None),
        (_("Grassroots coverage"), "organizations:coverage", "organizations.view_coveragesnapshot"),
    ]),
    (_("Organisations"), [
        (_("Red Cross organisations"), "organizations:organization_list", "organizations.view_organization"),
        (_("Regions"), "organizations:region_list", "organizations.view_region"),
        (_("Staff"), "organizations:staff_list", "organizations.view_staffprofile"),
    ]),
    (_("People"), [
        (_("People registry"), "people:person_list", "people.view_person"),
        (_("Imports"), "portal:import_list", "redcross.view_importjob"),
        (_("Personal data access log"), "people:access_list", "people.view_personaldataaccess"),
    ]),
    (_("Volunteer service"), [
        (_("Volunteer dashboard"), "volunteers:dashboard", "volunteers.view_volunteer"),
        (_("Volunteer records"), "volunteers:volunteer_list", "volunteers.view_volunteer"),
        (_("Activities"), "volunteers:activity_list", "volunteers.view_activity"),
        (_("Service hours ledger"), "volunteers:record_list", "volunteers.view_servicerecord"),
        (_("Volunteer teams"), "volunteers:team_list", "volunteers.view_team"),
        (_("Service certificates"), "volunteers:certificate_list", "volunteers.view_servicecertificate"),
    ]),
    (_("Donations"), [
        (_("Finance dashboard"), "donations:dashboard", "donations.view_fund"),
        (_("Donations"), "donations:donation_list", "donations.view_donation"),
        (_("Donors"), "donations:donor_list", "donations.view_donor"),
        (_("Funds and projects"), "donations:fund_list", "donations.view_fund"),
        (_("Disbursements"), "donations:disbursement_list", "donations.view_disbursement"),
        (_("Approvals queue"), "donations:approvals", "donations.approve_disbursement"),
        (_("Reconciliation"), "donations:reconciliation", "donations.change_donation"),
        (_("Aid cases"), "donations:aidcase_list", "donations.view_aidcase"),
        (_("Disclosures"), "donations:disclosure_list", "donations.view_disclosure"),
    ]),
    (_("First-aid training"), [
        (_("Session calendar"), "training:calendar", "training.view_trainingsession"),
        (_("Training sessions"), "training:session_list", "training.view_trainingsession"),
        (_("Enrolments"), "training:enrolment_list", "training.view_enrolment"),
        (_("Certificates"), "training:certificate_list", "training.view_certificate"),
        (_("Instructors and workload"), "training:instructor_list", "training.view_instructor"),
        (_("Training bases"), "training:base_list", "training.view_trainingbase"),
        (_("Curriculum catalogue"), "training:courses", "training.view_course"),
        (_("Training coverage"), "training:coverage", "training.view_trainingtarget"),
        (_("Training quality"), "training:evaluation", "training.view_assessment"),
        (_("Cadre training plan"), "training:cadres", "training.view_enrolment"),
    ]),
    (_("Administration"), [
        (_("Change history"), "portal:history", "redcross.view_history"),
        (_("API tokens"), "portal:tokens", "redcross.manage_api_tokens"),
        (_("API documentation"), "swagger-ui", None),
    ]),
]


def portal(request):
    if (
        not request.path.startswith("/portal/")
        or not getattr(request, "user", None)
        or not request.user.is_authenticated
    ):
        return {}
    user = request.user
    sections = []
    for title, links in NAVIGATION:
        items = []
        for label, name, perm in links:
            if perm is None or user.has_perm(perm):
                items.append({"label": label, "url": reverse(name), "active": False})
        if items:
            sections.append({"title": title, "items": items})
    # The longest link that prefixes the current path is the active one.
    matches = [item for s in sections for item in s["items"] if request.path.startswith(item["url"])]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    profile = getattr(user, "staff_profile", None)
    return {"portal_nav": sections, "staff_profile": profile}
