# SYNTAX TEST "source.terraform.aks-netlint" "a wrong expectation, to prove the harness can fail"

# aks-netlint-ignore kubenet-retiring -- the rule id is not the keyword
#                    ^^^^^^^^^^^^^^^^ keyword.control.directive.suppression.aks-netlint
