# SYNTAX TEST "source.terraform.aks-netlint" "aks-netlint suppression comments"

resource "azurerm_kubernetes_cluster" "aks" {
  # aks-netlint-ignore kubenet-retiring -- migration to overlay is planned for Q3 (PLAT-123)
# ^ comment.line.number-sign.hcl meta.suppression.aks-netlint punctuation.definition.comment.hcl
#   ^^^^^^^^^^^^^^^^^^ comment.line.number-sign.hcl meta.suppression.aks-netlint keyword.control.directive.suppression.aks-netlint
#                      ^^^^^^^^^^^^^^^^ meta.suppression.aks-netlint variable.other.constant.rule-id.aks-netlint
#                                       ^^ meta.suppression.aks-netlint punctuation.separator.reason.aks-netlint
#                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.suppression.aks-netlint string.unquoted.reason.aks-netlint
  network_profile {
    network_plugin = "kubenet"
  }

  # aks-netlint-ignore kubenet-retiring -- migration planned (PLAT-123) (until 2027-03-31)
#                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.suppression.aks-netlint string.unquoted.reason.aks-netlint
#                                                                       ^ meta.suppression.aks-netlint punctuation.definition.expiry.begin.aks-netlint - string.unquoted.reason.aks-netlint
#                                                                        ^^^^^ meta.suppression.aks-netlint keyword.other.until.aks-netlint
#                                                                              ^^^^^^^^^^ meta.suppression.aks-netlint constant.other.date.expiry.aks-netlint - string.unquoted.reason.aks-netlint
#                                                                                        ^ meta.suppression.aks-netlint punctuation.definition.expiry.end.aks-netlint
  dns_prefix = "aks"

  // aks-netlint-ignore pod-cidr-nonprivate,max-pods-out-of-range -- ranges owned by the hub team
# ^^ comment.line.double-slash.hcl meta.suppression.aks-netlint punctuation.definition.comment.hcl
#    ^^^^^^^^^^^^^^^^^^ comment.line.double-slash.hcl keyword.control.directive.suppression.aks-netlint
#                       ^^^^^^^^^^^^^^^^^^^ variable.other.constant.rule-id.aks-netlint
#                                          ^ meta.suppression.aks-netlint punctuation.separator.comma.aks-netlint
#                                           ^^^^^^^^^^^^^^^^^^^^^ variable.other.constant.rule-id.aks-netlint
#                                                                 ^^ punctuation.separator.reason.aks-netlint
#                                                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.reason.aks-netlint
  default_node_pool {
    max_pods = 300 # aks-netlint-ignore max-pods-out-of-range -- approved exception
#              ^^^ constant.numeric.integer.hcl - meta.suppression.aks-netlint
#                  ^ comment.line.number-sign.hcl meta.suppression.aks-netlint punctuation.definition.comment.hcl
#                    ^^^^^^^^^^^^^^^^^^ keyword.control.directive.suppression.aks-netlint
#                                       ^^^^^^^^^^^^^^^^^^^^^ variable.other.constant.rule-id.aks-netlint
#                                                                ^^^^^^^^^^^^^^^^^^ string.unquoted.reason.aks-netlint
  }

  #aks-netlint-ignore a b
#  ^^^^^^^^^^^^^^^^^^ keyword.control.directive.suppression.aks-netlint
#                     ^ variable.other.constant.rule-id.aks-netlint
#                       ^ variable.other.constant.rule-id.aks-netlint
  # aks-netlint-ignore dns-prefix-x--reason right after an id
#                      ^^^^^^^^^^^^ variable.other.constant.rule-id.aks-netlint
#                                  ^^ punctuation.separator.reason.aks-netlint
#                                    ^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.reason.aks-netlint
}

# Not directives: ordinary comments, strings, heredocs and block comments keep their colours.
# see aks-netlint-ignore in the README
#     ^^^^^^^^^^^^^^^^^^ comment.line.number-sign.hcl - keyword.control.directive.suppression.aks-netlint
# aks-netlint-ignored
# ^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.hcl - meta.suppression.aks-netlint
/* aks-netlint-ignore kubenet-retiring */
#  ^^^^^^^^^^^^^^^^^^ comment.block.hcl - meta.suppression.aks-netlint
locals {
  text = "# aks-netlint-ignore kubenet-retiring -- in a string"
#           ^^^^^^^^^^^^^^^^^^ string.quoted.double.hcl - meta.suppression.aks-netlint
  doc = <<-EOT
    # aks-netlint-ignore kubenet-retiring -- in a heredoc
#     ^^^^^^^^^^^^^^^^^^ string.unquoted.heredoc.hcl - meta.suppression.aks-netlint
    EOT
}
