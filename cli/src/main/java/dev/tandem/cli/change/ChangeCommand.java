package dev.tandem.cli.change;

import dev.tandem.cli.TandemCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tandem change}: change requests, approvals, execution and retests of a running server. */
@Command(
        name = "change",
        mixinStandardHelpOptions = true,
        description = {
            "Change control on a Tandem server: requests, approvals, execution, retests, the observation period.",
            "Exit codes: 0 done, 2 usage error or the server refused (its reason printed), "
                    + "3 server unreachable, token refused or server error."
        },
        subcommands = {
            ChangeSteps.ListCommand.class,
            ChangeSteps.ShowCommand.class,
            ChangeRequestCommand.class,
            ChangeSteps.ApproveCommand.class,
            ChangeSteps.RejectCommand.class,
            ChangeSteps.AcknowledgeCommand.class,
            ChangeSteps.ExecuteCommand.class,
            ChangeSteps.WithdrawCommand.class,
            ChangeSteps.VerifyProcessesCommand.class,
            ChangeRetestsCommand.class,
            ChangeSteps.PeriodCommand.class,
            ChangeSteps.RegisterCommand.class
        })
public final class ChangeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        TandemCommand.missingSubcommand(spec);
    }
}
