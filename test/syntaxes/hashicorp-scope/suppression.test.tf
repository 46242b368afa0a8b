# SYNTAX TEST "source.hcl.terraform" "the injection in HashiCorp's scope"

# aks-netlint-ignore kubenet-retiring,pod-cidr-nonprivate -- planned for Q3
# <- source.hcl.terraform comment.line.number-sign.hcl meta.suppression.aks-netlint punctuation.definition.comment.hcl
# ^^^^^^^^^^^^^^^^^^ keyword.control.directive.suppression.aks-netlint
#                    ^^^^^^^^^^^^^^^^ variable.other.constant.rule-id.aks-netlint
#                                    ^ punctuation.separator.comma.aks-netlint
#                                     ^^^^^^^^^^^^^^^^^^^ variable.other.constant.rule-id.aks-netlint
#                                                         ^^ punctuation.separator.reason.aks-netlint
#                                                            ^^^^^^^^^^^^^^ string.unquoted.reason.aks-netlint
max_pods = 300 // aks-netlint-ignore max-pods-out-of-range -- approved
#              ^^ comment.line.double-slash.hcl meta.suppression.aks-netlint
#                 ^^^^^^^^^^^^^^^^^^ keyword.control.directive.suppression.aks-netlint
#                                    ^^^^^^^^^^^^^^^^^^^^^ variable.other.constant.rule-id.aks-netlint
#                                                             ^^^^^^^^ string.unquoted.reason.aks-netlint
# an ordinary comment
# ^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.hcl - meta.suppression.aks-netlint
text = "# aks-netlint-ignore kubenet-retiring"
#         ^^^^^^^^^^^^^^^^^^ string.quoted.double.hcl - meta.suppression.aks-netlint
doc = <<EOT
# aks-netlint-ignore kubenet-retiring
# ^^^^^^^^^^^^^^^^^^ string.unquoted.heredoc.hcl - meta.suppression.aks-netlint
EOT
