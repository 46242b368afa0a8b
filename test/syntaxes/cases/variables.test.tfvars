# SYNTAX TEST "source.terraform.aks-netlint" "a .tfvars file: top-level attributes only"

location       = "westeurope"
# <-------- meta.attribute.hcl variable.other.property.hcl
#              ^ keyword.operator.assignment.hcl
#                 ^^^^^^^^^^ string.quoted.double.hcl
node_count     = 3
#                ^ constant.numeric.integer.hcl
enable_overlay = true
#                ^^^^ constant.language.boolean.hcl
pod_cidr       = null
#                ^^^^ constant.language.null.hcl
address_space  = ["10.20.0.0/16", "10.21.0.0/16"]
#                ^ meta.brackets.hcl punctuation.section.brackets.begin.hcl
#                  ^^^^^^^^^^^^ meta.brackets.hcl string.quoted.double.hcl - constant.numeric.integer.hcl constant.numeric.float.hcl
#                               ^ punctuation.separator.comma.hcl
node_pools = {
#            ^ meta.braces.hcl punctuation.section.braces.begin.hcl
  system = {
# ^^^^^^ meta.mapping.key.hcl variable.other.property.hcl - meta.attribute.hcl
    vm_size  = "Standard_D4s_v5"
#   ^^^^^^^ meta.braces.hcl meta.braces.hcl meta.mapping.key.hcl
    max_pods = 110 # aks-netlint-ignore max-pods-out-of-range -- sized by the platform team
#              ^^^ constant.numeric.integer.hcl
#                    ^^^^^^^^^^^^^^^^^^ keyword.control.directive.suppression.aks-netlint
#                                       ^^^^^^^^^^^^^^^^^^^^^ variable.other.constant.rule-id.aks-netlint
  }
}
# <- meta.braces.hcl punctuation.section.braces.end.hcl
