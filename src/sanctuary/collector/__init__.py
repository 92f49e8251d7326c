"""The collector: the body that receives statutory reports (an Attorney General, a criminal justice commission,
an inspector general) checks each agency's signed report files against the last checkpoint that agency filed,
lists who has not filed by the deadline, and publishes the statewide roll-up."""
