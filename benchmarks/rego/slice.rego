# Sanctuary benchmark slice, hand-written in Rego (v1 syntax) from the rule-library snapshot
# benchmarks/fixtures/library/{us,us/ca,us/ca/san-francisco}.yaml: the San Francisco jail, actions hold,
# notify_release and transfer, requests dated 2012-01-01 or later, every deciding fact given.
# Same rules, ids and order as benchmarks/cedar/slice.cedar. TRUTH Act duties are not encoded (no outcome).
#
# input: action, requester, day (yyyymmdd), instrument, signed_by, accompanied_by (list), pcf (bool),
#        convictions: [{class, date (yyyymmdd)}], pending_charges: [{class, probable_cause_finding}],
#        cutoff: {"5": yyyymmdd, "7": yyyymmdd} (the same calendar day 5 and 7 years before `day`)
# output: data.sanctuary.decision = {"outcome": "forbidden" | "allowed", "decided_by": rule id or null}
package sanctuary

import rego.v1

imm := {"ice", "cbp", "uscis", "dhs", "cbsa"}

listed := {"serious_felony", "violent_felony", "felony", "aggravated_felony"}

order := [
	"us/detainer-is-a-request",
	"us/ca/trust-act-hold-limited",
	"us/ca/trust-act-hold-criteria",
	"us/ca/no-hold-on-hold-request",
	"us/ca/no-release-date-or-notification",
	"us/ca/notification-for-listed-records",
	"us/ca/no-transfer",
	"us/ca/transfer-on-judicial-warrant",
	"us/ca/transfer-for-listed-records",
	"us/ca/san-francisco/no-transfer-for-civil-enforcement",
	"us/ca/san-francisco/transfer-on-federal-criminal-warrant",
	"us/ca/san-francisco/no-hold-on-civil-detainer",
	"us/ca/san-francisco/hold-carve-out-2013",
	"us/ca/san-francisco/no-notification-response",
	"us/ca/san-francisco/notification-criteria",
]

# Counts of convictions, one rule per test the law states. Not a function of (classes, window): in regopy
# 1.5.2 a comprehension inside a function does not see the function's arguments (it treats them as fresh
# variables, so f("5") and f("7") gave the same count), so each test is spelled out.
listed_ever := count([c | some c in input.convictions; c.class in listed])

wobbler_5y := count([c | some c in input.convictions; c.class == "wobbler_misdemeanor"; c.date >= input.cutoff["5"]])

violent_7y := count([c | some c in input.convictions; c.class == "violent_felony"; c.date >= input.cutoff["7"]])

serious_5y := count([c | some c in input.convictions; c.class == "serious_felony"; c.date >= input.cutoff["5"]])

felonies_5y := count([c |
	some c in input.convictions
	c.class in {"violent_felony", "serious_felony", "felony"}
	c.date >= input.cutoff["5"]
])

ca_charged if {
	some c in input.pending_charges
	c.class in {"serious_felony", "violent_felony", "felony"}
	c.probable_cause_finding
}

sf_charged if {
	some c in input.pending_charges
	c.class in {"violent_felony", "serious_felony"}
	c.probable_cause_finding
}

from_imm if input.requester in imm

# California § 7282.5(a) records
ca_records if listed_ever > 0

ca_records if wobbler_5y > 0

ca_records_or_charge if ca_records

ca_records_or_charge if ca_charged

ca_judicial if {
	input.signed_by == "federal_judge"
	input.instrument == "judicial_warrant"
}

ca_judicial if {
	input.signed_by == "federal_judge"
	"judicial_warrant" in input.accompanied_by
}

ca_judicial if {
	input.signed_by == "federal_judge"
	input.pcf
}

# San Francisco § 12I.3 criteria
sf_record if violent_7y > 0

sf_record if serious_5y > 0

sf_record if felonies_5y >= 3

sf_criteria if {
	sf_record
	sf_charged
}

sf_warrant if {
	input.signed_by == "federal_judge"
	input.instrument == "judicial_warrant"
}

sf_warrant if {
	input.signed_by == "federal_judge"
	"judicial_warrant" in input.accompanied_by
}

permit contains "us/detainer-is-a-request" if input.action in {"hold", "notify_release"}

forbid contains "us/ca/trust-act-hold-limited" if {
	input.action == "hold"
	input.day >= 20140101
	input.day < 20180101
	not ca_records_or_charge
}

permit contains "us/ca/trust-act-hold-criteria" if {
	input.action == "hold"
	input.day >= 20140101
	input.day < 20180101
	ca_records_or_charge
}

forbid contains "us/ca/no-hold-on-hold-request" if {
	input.action == "hold"
	input.day >= 20180101
}

forbid contains "us/ca/no-release-date-or-notification" if {
	input.action == "notify_release"
	input.day >= 20180101
	from_imm
	not ca_records_or_charge
}

permit contains "us/ca/notification-for-listed-records" if {
	input.action == "notify_release"
	input.day >= 20180101
	from_imm
	ca_records_or_charge
}

forbid contains "us/ca/no-transfer" if {
	input.action == "transfer"
	input.day >= 20180101
	from_imm
	not ca_judicial
	not ca_records
}

permit contains "us/ca/transfer-on-judicial-warrant" if {
	input.action == "transfer"
	input.day >= 20180101
	from_imm
	ca_judicial
}

permit contains "us/ca/transfer-for-listed-records" if {
	input.action == "transfer"
	input.day >= 20180101
	from_imm
	ca_records
}

forbid contains "us/ca/san-francisco/no-transfer-for-civil-enforcement" if {
	input.action == "transfer"
	input.day >= 20131001
	from_imm
	not sf_warrant
}

permit contains "us/ca/san-francisco/transfer-on-federal-criminal-warrant" if {
	input.action == "transfer"
	input.day >= 20131001
	from_imm
	sf_warrant
}

sf_carve_out if {
	input.day < 20160701
	sf_criteria
}

forbid contains "us/ca/san-francisco/no-hold-on-civil-detainer" if {
	input.action == "hold"
	input.day >= 20131001
	not sf_carve_out
}

permit contains "us/ca/san-francisco/hold-carve-out-2013" if {
	input.action == "hold"
	input.day >= 20131001
	sf_carve_out
}

forbid contains "us/ca/san-francisco/no-notification-response" if {
	input.action == "notify_release"
	input.day >= 20160701
	from_imm
	not sf_criteria
}

permit contains "us/ca/san-francisco/notification-criteria" if {
	input.action == "notify_release"
	input.day >= 20160701
	from_imm
	sf_criteria
}

outcome := "forbidden" if count(forbid) > 0

outcome := "allowed" if count(forbid) == 0

forbid_index contains i if {
	some i, id in order
	id in forbid
}

permit_index contains i if {
	some i, id in order
	id in permit
}

# Not min()/max(): in regopy 1.5.2 they order numbers as strings (min({3, 11}) is 11), so the first forbid and
# the last permit are found by comparison instead.
first_forbid := i if {
	some i in forbid_index
	not _smaller_forbid(i)
}

_smaller_forbid(i) if {
	some j in forbid_index
	j < i
}

last_permit := i if {
	some i in permit_index
	not _larger_permit(i)
}

_larger_permit(i) if {
	some j in permit_index
	j > i
}

decided_by := order[first_forbid] if count(forbid) > 0

decided_by := order[last_permit] if {
	count(forbid) == 0
	count(permit) > 0
}

decided_by := null if {
	count(forbid) == 0
	count(permit) == 0
}

decision := {"outcome": outcome, "decided_by": decided_by}
