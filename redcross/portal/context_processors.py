from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (section, [(label, url name, permission)]); a link shows only with its permission.
NAVIGATION = [
    (_("Overview"), [
        (_("Dashboard"), "portal:home", None),
        (_("Plan board"), "plan:board", "plan.view_targetsnapshot"),
        (_("Grassroots coverage"), "organizations:coverage", "organizations.view_coveragesnapshot"),
    ]),
    (_("Organisations"), [
        (_("Red Cross organisations"), "organizations:organization_list", "organizations.view_organization"),
        (_("Regions"), "organizations:region_list", "organizations.view_region"),
        (_("Staff"), "organizations:staff_list", "organizations.view_staffprofile"),
    ]),
    (_("Grassroots"), [
        (_("Disaster-prevention centres"), "organizations:centre_list", "organizations.view_centre"),
        (_("Centres by zone"), "organizations:centre_coverage", "organizations.view_centre"),
        (_("Institutions to cover"), "organizations:institution_list", "organizations.view_institution"),
        (_("Institution coverage"), "organizations:institution_coverage", "organizations.view_institution"),
        (_("AED stations"), "organizations:aed_list", "organizations.view_aedstation"),
        (_("Partner sites"), "organizations:partnersite_list", "organizations.view_partnersite"),
        (_("Town work overrides"), "organizations:workoverride_list", "organizations.view_townworkoverride"),
        (_("Community care"), "outreach:carerecipient_list", "outreach.view_carerecipient"),
    ]),
    (_("Humanitarian culture"), [
        (_("Culture overview"), "outreach:home", "outreach.view_culturesquare"),
        (_("Culture squares"), "outreach:square_list", "outreach.view_culturesquare"),
        (_("Stories of role models"), "outreach:story_list", "outreach.view_story"),
        (_("Youth education centres"), "outreach:youthcentre_list", "outreach.view_youthcentre"),
        (_("Youth activities"), "outreach:youthactivity_list", "outreach.view_youthactivity"),
        (_("Campaigns and events"), "outreach:campaign_list", "outreach.view_campaign"),
        (_("Village compacts"), "outreach:compact_list", "outreach.view_villagecompact"),
    ]),
    (_("People"), [
        (_("People registry"), "people:person_list", "people.view_person"),
        (_("Imports"), "portal:import_list", "redcross.view_importjob"),
        (_("Personal data access log"), "people:access_list", "people.view_personaldataaccess"),
        (_("Personal data requests"), "people:request_list", "people.view_personaldatarequest"),
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
    (_("Blood, stem-cell and organ donation"), [
        (_("Donation dashboard"), "sanxian:dashboard", "sanxian.view_blooddrive"),
        (_("Blood drives"), "sanxian:drive_list", "sanxian.view_blooddrive"),
        (_("Stem-cell donor registry"), "sanxian:donor_list", "sanxian.view_stemcelldonor"),
        (_("Body and organ donation pledges"), "sanxian:pledge_list", "sanxian.view_donationpledge"),
        (_("Care for donor families"), "sanxian:care_list", "sanxian.view_careevent"),
        (_("Memorial wall"), "sanxian:memorial_list", "sanxian.view_memorialentry"),
    ]),
    (_("Members"), [
        (_("Members"), "members:member_list", "members.view_member"),
        (_("Dues payments"), "members:payment_list", "members.view_duespayment"),
        (_("Dues rates"), "members:rates", "members.view_duesrate"),
        (_("Member contributions"), "members:contribution_list", "members.view_contribution"),
        (_("Outstanding member units"), "members:outstanding", "members.view_contribution"),
    ]),
    (_("Follow-up visits"), [
        (_("Follow-up visit board"), "followups:board", "followups.view_visit"),
        (_("Visit plans"), "followups:plan_list", "followups.view_visitplan"),
        (_("Who is due for a visit"), "followups:due_list", "followups.view_planitem"),
        (_("Visits"), "followups:visit_list", "followups.view_visit"),
        (_("Issues raised"), "followups:issue_list", "followups.view_issue"),
        (_("Bulletins (信息专报)"), "followups:bulletin_list", "followups.view_bulletin"),
        (_("Visit targets"), "followups:target_list", "followups.view_visittarget"),
    ]),
    (_("Governance"), [
        (_("Reform and action checklist"), "governance:item_list", "governance.view_actionitem"),
        (_("Supervisory board"), "governance:member_list", "governance.view_supervisorymember"),
        (_("Supervisory meetings"), "governance:meeting_list", "governance.view_supervisorymeeting"),
        (_("Supervision opinions"), "governance:opinion_list", "governance.view_supervisionopinion"),
        (_("Audit reports"), "governance:audit_list", "governance.view_auditreport"),
    ]),
    (_("Emergency response"), [
        (_("Readiness matrix"), "emergency:matrix", "emergency.view_team"),
        (_("Response teams"), "emergency:team_list", "emergency.view_team"),
        (_("Team standards"), "emergency:standard_list", "emergency.view_teamstandard"),
        (_("Relief stock"), "emergency:stock", "emergency.view_stocklot"),
        (_("Warehouses"), "emergency:warehouse_list", "emergency.view_warehouse"),
        (_("Response-plan library"), "emergency:plan_list", "emergency.view_plan"),
        (_("Alerts"), "emergency:alert_list", "emergency.view_alertnotice"),
        (_("Incidents"), "emergency:incident_list", "emergency.view_incident"),
        (_("Mutual aid"), "emergency:aid_list", "emergency.view_mutualaid"),
    ]),
    (_("Administration"), [
        (_("Change history"), "portal:history", "redcross.view_history"),
        (_("API tokens"), "portal:tokens", None),
        (_("Outbox"), "portal:outbox", "redcross.view_notification"),
        (_("My notifications"), "portal:my_notifications", None),
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
