-- One organisation per unified social credit code (when one is given).
CREATE UNIQUE INDEX organisations_credit_code ON organisations(credit_code) WHERE credit_code <> '';
