console.log("okr-bot");
