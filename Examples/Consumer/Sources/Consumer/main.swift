// Prints the README example's template, then the escape-hatch stacks' templates; an error
// thrown here stops the program with a non-zero status.
print(try makeReportingTemplate(), terminator: "")
for template in try makeSharedQueueTemplates() {
    print(template, terminator: "")
}
