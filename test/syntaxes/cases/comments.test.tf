# SYNTAX TEST "source.terraform.aks-netlint" "line and block comments"

# A hash comment
# <- comment.line.number-sign.hcl punctuation.definition.comment.hcl
# ^^^^^^^^^^^^^^ comment.line.number-sign.hcl
// A double-slash comment
# <-- comment.line.double-slash.hcl punctuation.definition.comment.hcl
#  ^^^^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.hcl
/* A block comment
# <-- comment.block.hcl punctuation.definition.comment.hcl
   resource "not" "a-block" {
#  ^^^^^^^^ comment.block.hcl - entity.name.type.hcl
*/
# <-- comment.block.hcl punctuation.definition.comment.hcl
locals {
# <------ entity.name.type.hcl - comment.block.hcl
  a = 1 # trailing hash
#       ^^^^^^^^^^^^^^^ comment.line.number-sign.hcl
  b = 2 // trailing slashes
#       ^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.hcl
  c = /* inline */ 3
#     ^^^^^^^^^^^^ comment.block.hcl
#                  ^ constant.numeric.integer.hcl - comment.block.hcl
  d = "# not a comment"
#      ^^^^^^^^^^^^^^^ string.quoted.double.hcl - comment.line.number-sign.hcl punctuation.definition.comment.hcl
  e = [
    1, # inside a tuple
#      ^^^^^^^^^^^^^^^^ meta.brackets.hcl comment.line.number-sign.hcl
  ]
}
