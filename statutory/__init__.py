"""The panel's statutory powers: the precept, confirmation hearings, the plan, the annual report,
reports and responses, and the votes that veto (issue 15). Its first part is the law itself,
computed and cited, in ``statutory.law``."""
