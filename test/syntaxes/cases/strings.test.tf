# SYNTAX TEST "source.terraform.aks-netlint" "quoted strings, interpolation, directives and heredocs"

locals {
  plain   = "westeurope"
#           ^ string.quoted.double.hcl punctuation.definition.string.begin.hcl
#            ^^^^^^^^^^ string.quoted.double.hcl - meta.interpolation.hcl
#                      ^ string.quoted.double.hcl punctuation.definition.string.end.hcl
  escapes = "tab\t quote\" back\\ \u00e9 \U0001F680"
#               ^^ string.quoted.double.hcl constant.character.escape.hcl
#                       ^^ constant.character.escape.hcl
#                              ^^ constant.character.escape.hcl
#                                 ^^^^^^ constant.character.escape.hcl
#                                        ^^^^^^^^^^ constant.character.escape.hcl
  literal = "$${not.interpolated} %%{not.a.directive}"
#            ^^^ string.quoted.double.hcl constant.character.escape.hcl
#               ^^^^^^^^^^^^^^^^ string.quoted.double.hcl - meta.interpolation.hcl
#                                 ^^^ constant.character.escape.hcl
#                                    ^^^^^^^^^^^^^^^ string.quoted.double.hcl - meta.directive.hcl

  name = "rg-${local.name}-${var.env}"
#         ^^^ string.quoted.double.hcl - meta.interpolation.hcl
#            ^^ string.quoted.double.hcl meta.interpolation.hcl meta.embedded.line.hcl punctuation.section.interpolation.begin.hcl
#              ^^^^^ meta.interpolation.hcl variable.language.terraform.hcl
#                   ^ meta.interpolation.hcl keyword.operator.accessor.hcl
#                    ^^^^ meta.interpolation.hcl variable.other.member.hcl
#                        ^ meta.interpolation.hcl punctuation.section.interpolation.end.hcl
#                         ^ string.quoted.double.hcl - meta.interpolation.hcl
#                                ^^^ meta.interpolation.hcl variable.other.member.hcl

  # Nested braces and strings inside an interpolation do not end it early.
  nested = "x-${merge({ a = "${var.b}" }, { c = 1 }).a}-y"
#               ^^^^^ meta.interpolation.hcl meta.function-call.hcl support.function.builtin.hcl
#                     ^ meta.interpolation.hcl meta.function-call.hcl meta.braces.hcl punctuation.section.braces.begin.hcl
#                       ^ meta.braces.hcl meta.mapping.key.hcl variable.other.property.hcl
#                            ^^ meta.interpolation.hcl meta.braces.hcl string.quoted.double.hcl meta.interpolation.hcl punctuation.section.interpolation.begin.hcl
#                                  ^ meta.interpolation.hcl meta.braces.hcl string.quoted.double.hcl meta.interpolation.hcl variable.other.member.hcl
#                                      ^ meta.interpolation.hcl meta.function-call.hcl meta.braces.hcl punctuation.section.braces.end.hcl
#                                           ^ meta.braces.hcl meta.mapping.key.hcl
#                                                   ^^ meta.interpolation.hcl
#                                                     ^ string.quoted.double.hcl meta.interpolation.hcl punctuation.section.interpolation.end.hcl
#                                                      ^^ string.quoted.double.hcl - meta.interpolation.hcl

  greeting = "Hello, %{ if var.name != "" }${var.name}%{ else }stranger%{ endif }!"
#                    ^^ string.quoted.double.hcl meta.directive.hcl punctuation.section.directive.begin.hcl
#                       ^^ meta.directive.hcl keyword.control.hcl
#                                   ^^ meta.directive.hcl keyword.operator.comparison.hcl
#                                         ^ meta.directive.hcl punctuation.section.directive.end.hcl
#                                          ^^ meta.interpolation.hcl punctuation.section.interpolation.begin.hcl
#                                                        ^^^^ meta.directive.hcl keyword.control.hcl
#                                                              ^^^^^^^^ string.quoted.double.hcl - meta.directive.hcl
#                                                                         ^^^^^ meta.directive.hcl keyword.control.hcl
  trimmed = "${~ var.a ~}"
#              ^ meta.interpolation.hcl keyword.operator.template.strip.hcl
#                      ^ meta.interpolation.hcl keyword.operator.template.strip.hcl

  script = <<EOF
#          ^^^^^ string.unquoted.heredoc.hcl
#          ^^ keyword.operator.heredoc.hcl
#            ^^^ keyword.control.heredoc.hcl
#!/bin/sh
# <--------- string.unquoted.heredoc.hcl - comment.line.number-sign.hcl punctuation.definition.comment.hcl
echo "${var.cluster_name}" > /tmp/name
# <------ string.unquoted.heredoc.hcl - meta.interpolation.hcl
#     ^^ string.unquoted.heredoc.hcl meta.interpolation.hcl punctuation.section.interpolation.begin.hcl
#       ^^^ string.unquoted.heredoc.hcl meta.interpolation.hcl variable.language.terraform.hcl
#           ^^^^^^^^^^^^ string.unquoted.heredoc.hcl meta.interpolation.hcl variable.other.member.hcl
%{ for ip in var.ips ~}
# <-- string.unquoted.heredoc.hcl meta.directive.hcl punctuation.section.directive.begin.hcl
#  ^^^ meta.directive.hcl keyword.control.hcl
#         ^^ meta.directive.hcl keyword.control.hcl
#                    ^ meta.directive.hcl keyword.operator.template.strip.hcl
allow ${ip}
%{ endfor ~}
#  ^^^^^^ meta.directive.hcl keyword.control.hcl
EOF
# <--- string.unquoted.heredoc.hcl keyword.control.heredoc.hcl

  indented = <<-POLICY
#            ^^^ string.unquoted.heredoc.hcl keyword.operator.heredoc.hcl
#               ^^^^^^ keyword.control.heredoc.hcl
    {
      "Version": "2012-10-17",
#     ^^^^^^^^^ string.unquoted.heredoc.hcl - string.quoted.double.hcl
      "Resource": "${azurerm_subnet.nodes.id}"
#                    ^^^^^^^^^^^^^^ string.unquoted.heredoc.hcl meta.interpolation.hcl variable.other.readwrite.hcl
    }
    POLICY not the end marker
#   ^^^^^^ string.unquoted.heredoc.hcl - keyword.control.heredoc.hcl
    POLICY
#   ^^^^^^ string.unquoted.heredoc.hcl keyword.control.heredoc.hcl
  after = 1
# ^^^^^ meta.attribute.hcl variable.other.property.hcl - string.unquoted.heredoc.hcl

  half_typed = "no closing quote
#               ^^^^^^^^^^^^^^^^ string.quoted.double.hcl
  next = "${upper(
#           ^^^^^ string.quoted.double.hcl meta.interpolation.hcl meta.function-call.hcl support.function.builtin.hcl
    var.name)}"
#   ^^^ string.quoted.double.hcl meta.interpolation.hcl meta.function-call.hcl variable.language.terraform.hcl
#            ^ string.quoted.double.hcl meta.interpolation.hcl punctuation.section.interpolation.end.hcl
#             ^ string.quoted.double.hcl punctuation.definition.string.end.hcl
  last = 1
# ^^^^ meta.attribute.hcl variable.other.property.hcl - string.quoted.double.hcl
}
