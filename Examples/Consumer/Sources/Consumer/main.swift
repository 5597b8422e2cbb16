// Prints the README example's template; an error thrown here stops the program with a non-zero status.
print(try makeReportingTemplate(), terminator: "")
